package dev.atom.workspace.search;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database's generation of each search source (table {@code search_generations}): how an instance learns its
 * index missed changes. Bumps run in their own transaction, since they are made after the item change committed.
 * Thread-safe (stateless).
 */
@Repository
class SearchGenerationRepository {
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    SearchGenerationRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Every source's generation; a source without a row is at 0. */
    Map<String, Long> all() {
        Map<String, Long> result = new HashMap<>();
        jdbc.sql("SELECT source, generation FROM search_generations").query(rs -> {
            result.put(rs.getString("source"), rs.getLong("generation"));
        });
        return result;
    }

    /** Counts one more change of {@code source} and answers the new generation (atomic across instances). */
    long bump(String source) {
        Long generation = ownTransaction.execute(
                tx -> jdbc.sql("""
                        INSERT INTO search_generations (source, generation) VALUES (:source, 1)
                        ON CONFLICT (source) DO UPDATE SET generation = search_generations.generation + 1
                        RETURNING generation
                        """).param("source", source).query(Long.class).single());
        return generation == null ? 0 : generation;
    }
}
