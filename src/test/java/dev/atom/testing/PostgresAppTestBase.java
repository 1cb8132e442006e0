package dev.atom.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
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
@EnabledIfEnvironmentVariable(named = "ATOM_TEST_PG_URL", matches = ".+")
public abstract class PostgresAppTestBase {
    private static final java.util.concurrent.atomic.AtomicReference<String> DATABASE_URL =
            new java.util.concurrent.atomic.AtomicReference<>();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String admin = System.getenv("ATOM_TEST_PG_URL");
        String user = System.getenv("ATOM_TEST_PG_USER");
        String password = System.getenv("ATOM_TEST_PG_PASSWORD");
        // Suppliers may be called more than once: create the database once per class loader.
        String url = DATABASE_URL.updateAndGet(u -> u != null ? u : createDatabase(admin, user, password));
        registry.add("atom.db.url", () -> url);
        registry.add("atom.db.user", () -> user == null ? "" : user);
        registry.add("atom.db.password", () -> password == null ? "" : password);
        registry.add("atom.data-dir", () -> AppTestBase.DATA_DIR.resolve("pg").toString());
    }

    protected TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }

    private static String createDatabase(String adminUrl, String user, String password) {
        String name =
                "atom_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL database at " + adminUrl, e);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }
}
