package dev.atom.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.atom.shared.db.SqlDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A freshly migrated database of one dialect for a repository contract test. {@link #toString()} names the
 * dialect, so JUnit's display names say which database a test ran on.
 */
public record TestDatabase(SqlDialect dialect, HikariDataSource dataSource) {

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public String toString() {
        return dialect.name().toLowerCase(java.util.Locale.ROOT);
    }
}
