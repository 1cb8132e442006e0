package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A connection's API key, used for real, appears in no response, no database file and no log line. */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionCredentialLeakTest extends AppTestBase {

    @Test
    void aConnectionsKeyAppearsNowhere(CapturedOutput output) throws IOException {
        TestUsers users = new TestUsers(this::http);
        TestUsers.User user = users.signUp("lena");
        String key = "good-canary-" + UUID.randomUUID();
        List<String> bodies = new ArrayList<>();

        var created = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "testkey",
                                "name",
                                "Canary",
                                "credentials",
                                Map.of("api_key", key, "account", "acme")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        bodies.add(created.body() + created.raw().headers().map());
        bodies.add(users.as(user).get("/api/v1/connections").body());
        bodies.add(users.as(user).get("/api/v1/connections/" + id).body());
        bodies.add(
                users.as(user).post("/api/v1/connections/" + id + "/test", null).body());
        var run =
                users.as(user).post("/api/v1/connections/" + id + "/actions/testkey.check_key", Map.of("mode", "echo"));
        assertThat(run.json().at("/output/keyLength").asInt())
                .as("the key was decrypted and used")
                .isEqualTo(key.length());
        bodies.add(run.body());
        for (String mode : List.of("busy", "refuse", "revoke")) {
            bodies.add(users.as(user)
                    .post("/api/v1/connections/" + id + "/actions/testkey.check_key", Map.of("mode", mode))
                    .body());
        }
        var bad = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "testkey",
                                "name",
                                "Bad",
                                "credentials",
                                Map.of("api_key", key + "!", "account", "a")));
        assertThat(bad.status()).isEqualTo(400);
        bodies.add(bad.body());
        bodies.add(users.as(user).get("/api/v1/audit").body());
        bodies.forEach(body -> assertThat(body).doesNotContain(key).doesNotContain(key.substring(12)));

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String name : List.of("atom.db", "atom.db-wal", "atom.db-shm")) {
            Path file = DATA_DIR.resolve(name);
            if (Files.exists(file)) {
                all.writeBytes(Files.readAllBytes(file));
            }
        }
        String database = all.toString(StandardCharsets.ISO_8859_1);
        assertThat(database).as("the connection row is in the files read").contains(id);
        assertThat(database).doesNotContain(key.substring(12));
        assertThat(output.getAll()).doesNotContain(key.substring(12));
    }
}
