package dev.atom;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AtomApplication {
    public static void main(String[] args) {
        SpringApplication.run(AtomApplication.class, args);
    }
}
