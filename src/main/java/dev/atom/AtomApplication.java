package dev.atom;

import dev.atom.secrets.RotateKeyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AtomApplication {
    public static void main(String[] args) {
        if (args.length > 0 && RotateKeyCommand.NAME.equals(args[0])) {
            System.exit(RotateKeyCommand.run(AtomApplication.class, args));
        }
        SpringApplication.run(AtomApplication.class, args);
    }
}
