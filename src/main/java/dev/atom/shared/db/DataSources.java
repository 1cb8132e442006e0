package dev.atom.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Builds a connection pool for either dialect; the application and the repository contract tests use the
 * same settings. SQLite runs in WAL mode with a busy timeout, foreign keys on, and IMMEDIATE transactions:
 * a transaction takes the write lock when it begins, so two writers wait for each other instead of failing
 * with SQLITE_BUSY when a read lock is upgraded.
 */
public final class DataSources {
    private DataSources() {}

    public static HikariDataSource create(AtomProperties properties) {
        return create(properties, 16);
    }

    /** A pool of at most {@code maxPostgresConnections} on PostgreSQL (tests keep it small). */
    public static HikariDataSource create(AtomProperties properties, int maxPostgresConnections) {
        String url = properties.jdbcUrl();
        HikariConfig config = new HikariConfig();
        config.setPoolName("atom");
        config.setJdbcUrl(url);
        if (SqlDialect.fromJdbcUrl(url) == SqlDialect.SQLITE) {
            createDataDir(properties);
            config.setMaximumPoolSize(8);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setMaximumPoolSize(maxPostgresConnections);
            // no JIT: our queries are short index reads, and a pessimistic row estimate (the inbox's "important"
            // filter) pushed one over jit_above_cost, spending ~30 ms compiling for a 1 ms query
            config.addDataSourceProperty("options", "-c jit=off");
            if (properties.db().user() != null && !properties.db().user().isBlank()) {
                config.setUsername(properties.db().user());
            }
            if (properties.db().password() != null
                    && !properties.db().password().isBlank()) {
                config.setPassword(properties.db().password());
            }
        }
        return new HikariDataSource(config);
    }

    private static void createDataDir(AtomProperties properties) {
        try {
            if (!Files.exists(properties.dataDir())) {
                // The data dir holds the database and the master key: only Atom's user may enter it.
                Files.createDirectories(properties.dataDir());
                restrictToOwner(properties.dataDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the data directory " + properties.dataDir().toAbsolutePath()
                            + " (set ATOM_DATA_DIR to a writable folder)",
                    e);
        }
    }

    private static void restrictToOwner(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
