package dev.atom.testing;

import dev.atom.shared.db.AtomProperties;
import dev.atom.shared.db.DataSources;
import dev.atom.shared.db.SqlDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The databases every repository contract test runs on: SQLite always, PostgreSQL when
 * {@code ATOM_TEST_PG_URL} is set (.ci/run sets it). Use it with
 * {@code @ParameterizedClass @MethodSource("dev.atom.testing.TestDatabases#all")}. Each call creates fresh
 * databases migrated by the application's own Flyway scripts.
 */
public final class TestDatabases {
    private TestDatabases() {}

    public static List<TestDatabase> all() {
        List<TestDatabase> databases = new ArrayList<>();
        databases.add(sqlite());
        if (postgresConfigured()) {
            databases.add(postgres());
        }
        return databases;
    }

    public static boolean postgresConfigured() {
        String url = System.getenv("ATOM_TEST_PG_URL");
        return url != null && !url.isBlank();
    }

    public static TestDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory("atom-repo-test-");
            return migrated(new AtomProperties(dir, new AtomProperties.Db("", null, null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new PostgreSQL database on the configured server, migrated. */
    public static TestDatabase postgres() {
        return migrated(new AtomProperties(
                Path.of("."), new AtomProperties.Db(newPostgresDatabase("atom_"), postgresUser(), postgresPassword())));
    }

    /**
     * Creates a new, empty PostgreSQL database (named {@code prefix} plus random characters) on the server of
     * {@code ATOM_TEST_PG_URL} and returns its JDBC URL; the application's migrations have not run on it.
     */
    public static String newPostgresDatabase(String prefix) {
        String adminUrl = System.getenv("ATOM_TEST_PG_URL");
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(adminUrl, postgresUser(), postgresPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database at " + adminUrl, e);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    public static String postgresUser() {
        return System.getenv("ATOM_TEST_PG_USER");
    }

    public static String postgresPassword() {
        return System.getenv("ATOM_TEST_PG_PASSWORD");
    }

    private static TestDatabase migrated(AtomProperties properties) {
        SqlDialect dialect = SqlDialect.fromJdbcUrl(properties.jdbcUrl());
        var dataSource = DataSources.create(properties, 3);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
                .load()
                .migrate();
        return new TestDatabase(dialect, dataSource);
    }
}
