package dev.atom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.secrets.RotateKeyCommand;
import dev.atom.testing.TestDatabases;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.testing.TestUsers.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stops and starts the real application on one data directory and database, as an operator restarting Atom
 * would: accounts, tasks and every kind of token made before the restart still work after it, also when
 * {@code ./atom rotate-key} ran in between. On SQLite always, on PostgreSQL when ATOM_TEST_PG_URL is set.
 */
class RestartTest {
    @TempDir
    Path dataDir;

    private int port;
    private final TestUsers users = new TestUsers(() -> new TestHttp("http://localhost:" + port));

    /** What a user made in the first run. */
    private record Made(User user, String taskId, String personalToken) {}

    /** The JWT signing key's row in the secrets table. */
    private record SigningKeyRow(String id, String ciphertext) {}

    static List<String> databases() {
        List<String> databases = new ArrayList<>(List.of("sqlite"));
        if (TestDatabases.postgresConfigured()) {
            databases.add("postgresql");
        }
        return databases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void accountsTasksAndTokensSurviveARestart(String database) {
        String[] args = args(database);
        Made made;
        try (var first = start(args)) {
            made = makeThings();
        }

        try (var second = start(args)) {
            assertEverythingStillWorks(made);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void rotateKeyBetweenStartsReEncryptsTheSigningKeyAndKeepsEveryTokenValid(String database) throws Exception {
        String[] args = args(database);
        Made made;
        SigningKeyRow before;
        try (var first = start(args)) {
            made = makeThings();
            before = signingKeyRow(first);
        }

        assertThat(RotateKeyCommand.run(AtomApplication.class, withRotateKey(args)))
                .isZero();

        var keyset = JsonMapper.builder().build().readTree(Files.readString(dataDir.resolve("master-key.json")));
        assertThat(keyset.get("key"))
                .as("the rotated keyset holds the old and the new key")
                .hasSize(2);
        try (var second = start(args)) {
            SigningKeyRow after = signingKeyRow(second);
            assertThat(after.id()).isEqualTo(before.id());
            assertThat(after.ciphertext())
                    .as("the JWT signing key is re-encrypted under the new primary key")
                    .isNotEqualTo(before.ciphertext());
            assertEverythingStillWorks(made);
        }
    }

    private Made makeThings() {
        User ann = users.signUp("ann");
        var task = users.as(ann).post("/api/v1/tasks", Map.of("title", "Survive the restart", "tags", List.of("ops")));
        assertThat(task.status()).as(task.toString()).isEqualTo(201);
        var token = users.as(ann).post("/api/v1/tokens", Map.of("name", "backup script"));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        return new Made(
                ann, task.json().get("id").asString(), token.json().get("token").asString());
    }

    private void assertEverythingStillWorks(Made made) {
        User ann = made.user();
        String fresh = users.logIn(ann.email()).get("accessToken").asString();
        var task = http().bearer(fresh).get("/api/v1/tasks/" + made.taskId());
        assertThat(task.status()).as(task.toString()).isEqualTo(200);
        assertThat(task.json().get("title").asString()).isEqualTo("Survive the restart");

        var me = http().bearer(ann.accessToken()).get("/api/v1/me");
        assertThat(me.status())
                .as("the access token from before the restart: %s", me)
                .isEqualTo(200);
        assertThat(me.json().get("user").get("id").asString()).isEqualTo(ann.id());

        var byScript = http().bearer(made.personalToken()).get("/api/v1/tasks?tag=ops");
        assertThat(byScript.status()).as("the personal API token: %s", byScript).isEqualTo(200);
        assertThat(byScript.json().get("items").findValuesAsString("id")).containsExactly(made.taskId());

        var refreshed = http().post("/api/v1/auth/refresh", Map.of("refreshToken", ann.refreshToken()));
        assertThat(refreshed.status()).as("the refresh token: %s", refreshed).isEqualTo(200);
    }

    private SigningKeyRow signingKeyRow(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class)
                .sql("SELECT id, ciphertext FROM secrets WHERE owner = 'identity' AND purpose = 'jwt-signing-key'")
                .query((rs, n) -> new SigningKeyRow(rs.getString("id"), rs.getString("ciphertext")))
                .single();
    }

    private ConfigurableApplicationContext start(String[] args) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AtomApplication.class).run(args);
        port = Objects.requireNonNull(app.getEnvironment().getProperty("local.server.port", Integer.class));
        return app;
    }

    private TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }

    /** Start arguments for one data directory and one database, the same for every start of a test. */
    private String[] args(String database) {
        boolean postgres = database.equals("postgresql");
        String url = postgres ? TestDatabases.newPostgresDatabase("atom_restart_") : "";
        return new String[] {
            "--server.port=0",
            "--atom.data-dir=" + dataDir,
            "--atom.db.url=" + url,
            "--atom.db.user=" + (postgres ? Objects.toString(TestDatabases.postgresUser(), "") : ""),
            "--atom.db.password=" + (postgres ? Objects.toString(TestDatabases.postgresPassword(), "") : "")
        };
    }

    private static String[] withRotateKey(String[] args) {
        List<String> all = new ArrayList<>(List.of(RotateKeyCommand.NAME));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
