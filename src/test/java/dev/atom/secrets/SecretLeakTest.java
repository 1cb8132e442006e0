package dev.atom.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A recognizable secret stored through the running application appears nowhere: not in the SQLite file or
 * its write-ahead log, not in the logs, not in any response we can reach.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest extends AppTestBase {
    private static final List<String> PATHS = List.of(
            "/actuator/health",
            "/actuator/health/readiness",
            "/actuator/health/liveness",
            "/actuator/info",
            "/actuator/prometheus",
            "/v3/api-docs",
            "/api/v1/no-such-thing",
            "/no-such-page");

    @Autowired
    SecretStore store;

    @Test
    void aStoredSecretAppearsNowhere(CapturedOutput output) throws IOException {
        String canary = "atom-leak-canary-" + UUID.randomUUID();
        String id = store.put("leak-test-workspace", "ai_key:leak-test", "api-key", canary);
        store.update(id, "leak-test-workspace", "ai_key:leak-test", "api-key", canary + "-v2");
        assertThat(store.get(id, "leak-test-workspace", "ai_key:leak-test", "api-key"))
                .contains(canary + "-v2");
        List<String> forms = List.of(
                canary,
                Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)),
                canary.substring("atom-leak-canary-".length()));

        List<String> seen = new ArrayList<>();
        for (String path : PATHS) {
            TestHttp.Response response = http().get(path);
            seen.add(path + " " + response.status());
            String everything = response.raw().headers().map() + "\n" + response.body();
            forms.forEach(form -> assertThat(everything).as(path).doesNotContain(form));
        }
        assertThat(seen).as("every path answered").hasSize(PATHS.size());

        byte[] database = bytesOf("atom.db", "atom.db-wal", "atom.db-shm");
        String databaseText = new String(database, StandardCharsets.ISO_8859_1);
        assertThat(databaseText)
                .as("the row is in the files we read")
                .contains(id)
                .contains("ai_key:leak-test");
        forms.forEach(form -> assertThat(databaseText).doesNotContain(form));
        assertThat(new String(database, StandardCharsets.UTF_16LE)).doesNotContain(canary);

        assertThat(output.getAll()).as("the logs mention the secret by id").contains(id);
        forms.forEach(form -> assertThat(output.getAll()).doesNotContain(form));
    }

    private static byte[] bytesOf(String... names) throws IOException {
        var all = new java.io.ByteArrayOutputStream();
        for (String name : names) {
            Path file = DATA_DIR.resolve(name);
            if (Files.exists(file)) {
                all.writeBytes(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }
}
