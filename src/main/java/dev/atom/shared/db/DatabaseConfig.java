package dev.atom.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the one connection pool from {@link AtomProperties}. SQLite runs in WAL mode with a busy timeout,
 * foreign keys on, and IMMEDIATE transactions: a transaction takes the write lock when it begins, so two
 * writers wait for each other instead of failing with SQLITE_BUSY on lock upgrade.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AtomProperties.class)
class DatabaseConfig {

    @Bean
    SqlDialect sqlDialect(AtomProperties properties) {
        return SqlDialect.fromJdbcUrl(properties.jdbcUrl());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(AtomProperties properties, SqlDialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("atom");
        config.setJdbcUrl(properties.jdbcUrl());
        if (dialect == SqlDialect.SQLITE) {
            createDataDir(properties);
            config.setMaximumPoolSize(8);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setMaximumPoolSize(16);
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
            Files.createDirectories(properties.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the data directory " + properties.dataDir().toAbsolutePath()
                            + " (set ATOM_DATA_DIR to a writable folder)",
                    e);
        }
    }
}
