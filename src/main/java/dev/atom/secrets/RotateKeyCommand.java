package dev.atom.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar atom.jar rotate-key}: starts Atom without its web server (the usual start-up checks,
 * including the master key canary, run first), rotates the master key and exits. Stop running instances
 * first and restart them afterwards: they hold the old keyset in memory.
 */
public final class RotateKeyCommand {
    public static final String NAME = "rotate-key";
    private static final Logger log = LoggerFactory.getLogger(RotateKeyCommand.class);

    private RotateKeyCommand() {}

    /** Returns the process exit code: 0 when rotated, 1 when Atom could not start or rotation failed. */
    public static int run(Class<?> application, String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(args)) {
            int count = context.getBean(MasterKeyRotation.class).rotate();
            System.out.println("rotate-key: done, " + count + " secret(s) re-encrypted under the new primary key.");
            return 0;
        } catch (RuntimeException e) {
            // a start-up failure was already reported by Spring Boot's failure analysis
            log.error("rotate-key failed; the secrets are unchanged or still readable with the saved keyset", e);
            return 1;
        }
    }
}
