package dev.atom.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.AtomApplication;
import dev.atom.secrets.RotateKeyCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real application against a data directory to check how it finds, creates and refuses keys. */
@ExtendWith(OutputCaptureExtension.class)
class MasterKeyStartupTest {
    @TempDir
    Path dataDir;

    @Test
    void theFirstStartGeneratesAnOwnerOnlyKeyAndSaysToBackItUp(CapturedOutput output) throws Exception {
        start("").close();

        Path file = dataDir.resolve("master-key.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(output.getOut())
                .contains("Generated a new master key at " + file.toAbsolutePath())
                .contains("Back this file up");
        String key = Files.readString(file);

        start("").close();
        assertThat(output.getOut()).contains("verified: the canary secret decrypts");
        assertThat(Files.readString(file)).isEqualTo(key);
        assertThat(output.getOut().split("Generated a new master key", -1)).hasSize(2);
    }

    @Test
    void aWrongKeyFileStopsTheStartWithAClearMessage(CapturedOutput output) throws Exception {
        start("").close();
        Path file = dataDir.resolve("master-key.json");
        String otherKey = MasterKeySource.serialize(MasterKeySource.newKeyset());
        Files.writeString(file, otherKey);

        assertRefused(
                () -> start(""),
                "is not the key this database's secrets were encrypted with",
                "restore master-key.json from your backup");
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START");
        assertThat(Files.readString(file)).isEqualTo(otherKey);
    }

    @Test
    void aWrongEnvironmentKeyStopsTheStart() {
        start("").close();
        String otherKey = base64(MasterKeySource.serialize(MasterKeySource.newKeyset()));

        assertRefused(() -> start(otherKey), "The master key from ATOM_MASTER_KEY is not the key", "original key");
        assertRefused(() -> start("not a key!"), "ATOM_MASTER_KEY is not base64", "base64 -w0 master-key.json");
        assertRefused(() -> start(base64("{\"primaryKeyId\": 1}")), "not a valid Tink JSON keyset", "backup");
    }

    @Test
    void theKeyFileContentInTheEnvironmentWorks() throws Exception {
        start("").close();
        String key = base64(Files.readString(dataDir.resolve("master-key.json")));
        Files.delete(dataDir.resolve("master-key.json"));

        start(key).close();

        assertThat(dataDir.resolve("master-key.json")).doesNotExist();
    }

    @Test
    void aMissingKeyWithExistingSecretsStopsTheStartAndCreatesNoKey() throws Exception {
        start("").close();
        Path file = dataDir.resolve("master-key.json");
        Files.delete(file);

        assertRefused(
                () -> start(""),
                "No master key found, but the database holds 1 encrypted secret(s)",
                "Atom will not create a new key");
        assertThat(file).doesNotExist();
    }

    @Test
    void rotateKeyCommandAddsAPrimaryKeyAndTheNextStartStillDecrypts(CapturedOutput output) throws Exception {
        String secretId;
        try (var context = start("")) {
            secretId = context.getBean(dev.atom.secrets.SecretStore.class).put("ws", "o", "p", "kept-value");
        }

        int exit = RotateKeyCommand.run(AtomApplication.class, args("rotate-key"));

        assertThat(exit).isZero();
        assertThat(output.getOut()).contains("2 secret(s) re-encrypted");
        try (var context = start("")) {
            assertThat(context.getBean(Keyring.class).handle().size()).isEqualTo(2);
            assertThat(context.getBean(dev.atom.secrets.SecretStore.class).get(secretId, "ws", "o", "p"))
                    .contains("kept-value");
        }
    }

    @Test
    void rotateKeyExitsWithOneWhenAtomCannotStart() throws Exception {
        start("").close();
        Files.writeString(dataDir.resolve("master-key.json"), MasterKeySource.serialize(MasterKeySource.newKeyset()));

        assertThat(RotateKeyCommand.run(AtomApplication.class, args("rotate-key")))
                .isEqualTo(1);
    }

    private ConfigurableApplicationContext start(String masterKey) {
        return new SpringApplicationBuilder(AtomApplication.class).run(args("--atom.secrets.master-key=" + masterKey));
    }

    private String[] args(String extra) {
        return new String[] {"--server.port=0", "--atom.data-dir=" + dataDir, "--atom.db.url=", extra};
    }

    private static void assertRefused(ThrowingCallable start, String what, String todo) {
        assertThatThrownBy(start).satisfies(thrown -> {
            Throwable cause = thrown;
            while (cause != null && !(cause instanceof MasterKeyException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("a MasterKeyException in %s", thrown).isNotNull();
            assertThat(cause.getMessage()).contains(what).contains(todo);
        });
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
