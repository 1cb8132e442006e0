package dev.atom.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the whole application on PostgreSQL, as an operator would with ATOM_DB_URL, against a new empty
 * database on the server named by {@code ATOM_TEST_PG_URL}; the schema comes from the migrations on start.
 * Skipped when that variable is unset (CI sets it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RequiresPostgres
public abstract class PostgresAppTestBase {
    private static final java.util.concurrent.atomic.AtomicReference<String> DATABASE_URL =
            new java.util.concurrent.atomic.AtomicReference<>();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        // Suppliers may be called more than once: create the database once per class loader.
        String url = DATABASE_URL.updateAndGet(u -> u != null ? u : TestDatabases.newPostgresDatabase("atom_app_"));
        String user = TestDatabases.postgresUser();
        String password = TestDatabases.postgresPassword();
        registry.add("atom.db.url", () -> url);
        registry.add("atom.db.user", () -> user == null ? "" : user);
        registry.add("atom.db.password", () -> password == null ? "" : password);
        registry.add("atom.data-dir", () -> AppTestBase.DATA_DIR.resolve("pg").toString());
        // tests drive the sync engine themselves: no background sync of the connections they make
        registry.add("atom.workspace.sync.scheduler", () -> "false");
    }

    protected TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }
}
