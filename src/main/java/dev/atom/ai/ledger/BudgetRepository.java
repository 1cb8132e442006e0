package dev.atom.ai.ledger;

import dev.atom.shared.cache.ExpiringCache;
import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Budgets and their per-period spend. Reservations are conditional UPDATEs ({@code spent + reserved + estimate
 * <= limit}) of every applicable budget in one transaction: PostgreSQL re-checks the condition against the
 * latest row after waiting for a concurrent writer's lock, and SQLite runs IMMEDIATE transactions one at a
 * time, so on both databases concurrent calls can never reserve past the limit. Budgets are locked in id
 * order, so two reservations never deadlock. Thread-safe (stateless).
 */
@Repository
public class BudgetRepository {
    /** How long "this caller has no budget" is remembered (another instance's new budget applies after that). */
    static final Duration NO_BUDGET_TTL = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    /** workspace|user of callers with no applicable budget; evicted per workspace when its budgets change here. */
    private final ExpiringCache<String, Boolean> noBudget;

    private final AtomicLong generation = new AtomicLong();

    @Autowired
    public BudgetRepository(JdbcClient jdbc, TransactionOperations transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.noBudget = new ExpiringCache<>(NO_BUDGET_TTL, 10_000, clock);
    }

    public BudgetRepository(JdbcClient jdbc, TransactionOperations transactions) {
        this(jdbc, transactions, Clock.systemUTC());
    }

    /** What one budget spent and holds reserved in one period. */
    public record Spend(long spentMicros, long reservedMicros) {}

    /** One budget's share of a reservation, released by {@link #settle}. */
    public record Hold(Budget budget, String periodKey, long reservedMicros) {}

    /** Why a reservation was refused: the first budget without room, with what it had then. */
    public record Refusal(Budget budget, String periodKey, Spend spend) {}

    /** The outcome of {@link #reserve}: holds on every budget, or the refusal (and nothing held). */
    public record Reservation(List<Hold> holds, Refusal refusal) {
        public boolean granted() {
            return refusal == null;
        }
    }

    /** Creates the budget or replaces the limit of the one with the same scope, subject and period. */
    public Budget save(Budget budget) {
        return evictAfter(transactions.execute(tx -> {
            Optional<Budget> existing = jdbc.sql("SELECT * FROM ai_budgets WHERE workspace_id = :ws AND scope = :scope"
                            + " AND subject = :subject AND period = :period")
                    .param("ws", budget.workspaceId())
                    .param("scope", budget.scope().wire())
                    .param("subject", budget.subject())
                    .param("period", budget.period().wire())
                    .query(BudgetRepository::row)
                    .optional();
            if (existing.isPresent()) {
                Budget old = existing.get();
                jdbc.sql("UPDATE ai_budgets SET limit_micros = :limit, fallback_to_cheaper = :fallback,"
                                + " updated_at = :at WHERE id = :id AND workspace_id = :ws")
                        .param("limit", budget.limitMicros())
                        .param("fallback", budget.fallbackToCheaper() ? 1 : 0)
                        .param("at", Timestamps.format(budget.updatedAt()))
                        .param("id", old.id())
                        .param("ws", old.workspaceId())
                        .update();
                return new Budget(
                        old.id(),
                        old.workspaceId(),
                        old.scope(),
                        old.userId(),
                        old.period(),
                        budget.limitMicros(),
                        budget.fallbackToCheaper(),
                        old.createdBy(),
                        old.createdAt(),
                        budget.updatedAt());
            }
            jdbc.sql("""
                    INSERT INTO ai_budgets (id, workspace_id, scope, subject, period, limit_micros, fallback_to_cheaper,
                        created_by, created_at, updated_at)
                    VALUES (:id, :ws, :scope, :subject, :period, :limit, :fallback, :by, :created, :updated)
                    """)
                    .param("id", budget.id())
                    .param("ws", budget.workspaceId())
                    .param("scope", budget.scope().wire())
                    .param("subject", budget.subject())
                    .param("period", budget.period().wire())
                    .param("limit", budget.limitMicros())
                    .param("fallback", budget.fallbackToCheaper() ? 1 : 0)
                    .param("by", budget.createdBy())
                    .param("created", Timestamps.format(budget.createdAt()))
                    .param("updated", Timestamps.format(budget.updatedAt()))
                    .update();
            return budget;
        }));
    }

    public List<Budget> list(String workspaceId) {
        return jdbc.sql("SELECT * FROM ai_budgets WHERE workspace_id = :ws ORDER BY scope DESC, subject, period")
                .param("ws", workspaceId)
                .query(BudgetRepository::row)
                .list();
    }

    /** The budgets a call by {@code userId} counts against: the workspace's and the user's own. */
    public List<Budget> applicable(String workspaceId, String userId) {
        String key = workspaceId + "|" + userId;
        if (noBudget.get(key) != null) {
            return List.of();
        }
        long seen = generation.get();
        List<Budget> budgets = jdbc.sql("SELECT * FROM ai_budgets WHERE workspace_id = :ws AND (scope = 'workspace'"
                        + " OR (scope = 'user' AND subject = :user)) ORDER BY id")
                .param("ws", workspaceId)
                .param("user", userId)
                .query(BudgetRepository::row)
                .list();
        if (budgets.isEmpty() && generation.get() == seen) { // no budget change raced with this read
            noBudget.put(key, Boolean.TRUE);
        }
        return budgets;
    }

    /** Budgets changed: forget every "no budget" (rare, so all of them; after the commit, so none is re-cached stale). */
    private <T> T evictAfter(T result) {
        generation.incrementAndGet();
        noBudget.clear();
        return result;
    }

    public Optional<Budget> find(String workspaceId, String id) {
        return jdbc.sql("SELECT * FROM ai_budgets WHERE workspace_id = :ws AND id = :id")
                .param("ws", workspaceId)
                .param("id", id)
                .query(BudgetRepository::row)
                .optional();
    }

    public boolean delete(String workspaceId, String id) {
        return evictAfter(Boolean.TRUE.equals(transactions.execute(tx -> {
            jdbc.sql("DELETE FROM ai_budget_spend WHERE workspace_id = :ws AND budget_id = :id")
                    .param("ws", workspaceId)
                    .param("id", id)
                    .update();
            return jdbc.sql("DELETE FROM ai_budgets WHERE workspace_id = :ws AND id = :id")
                            .param("ws", workspaceId)
                            .param("id", id)
                            .update()
                    > 0;
        })));
    }

    public Spend spend(Budget budget, String periodKey) {
        return jdbc.sql("SELECT spent_micros, reserved_micros FROM ai_budget_spend WHERE workspace_id = :ws"
                        + " AND budget_id = :id AND period_start = :p")
                .param("ws", budget.workspaceId())
                .param("id", budget.id())
                .param("p", periodKey)
                .query((rs, n) -> new Spend(rs.getLong(1), rs.getLong(2)))
                .optional()
                .orElse(new Spend(0, 0));
    }

    /**
     * Reserves {@code estimateMicros} on every budget for the period each one's key gives, all or nothing.
     * {@code periodKeys} is parallel to {@code budgets}.
     */
    public Reservation reserve(List<Budget> budgets, List<String> periodKeys, long estimateMicros) {
        record Item(Budget budget, String period) {}
        List<Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < budgets.size(); i++) {
            items.add(new Item(budgets.get(i), periodKeys.get(i)));
        }
        items.sort(Comparator.comparing((Item it) -> it.budget().id()));
        return transactions.execute(tx -> {
            List<Hold> holds = new java.util.ArrayList<>();
            for (Item it : items) {
                Budget b = it.budget();
                jdbc.sql("INSERT INTO ai_budget_spend (budget_id, workspace_id, period_start) VALUES (:id, :ws, :p)"
                                + " ON CONFLICT (budget_id, period_start) DO NOTHING")
                        .param("id", b.id())
                        .param("ws", b.workspaceId())
                        .param("p", it.period())
                        .update();
                int rows = jdbc.sql("""
                        UPDATE ai_budget_spend SET reserved_micros = reserved_micros + :est
                        WHERE budget_id = :id AND workspace_id = :ws AND period_start = :p
                          AND spent_micros + reserved_micros + :est
                              <= (SELECT limit_micros FROM ai_budgets WHERE id = :id AND workspace_id = :ws)
                        """)
                        .param("est", estimateMicros)
                        .param("id", b.id())
                        .param("ws", b.workspaceId())
                        .param("p", it.period())
                        .update();
                if (rows == 0) {
                    tx.setRollbackOnly();
                    return new Reservation(List.of(), new Refusal(b, it.period(), spend(b, it.period())));
                }
                holds.add(new Hold(b, it.period(), estimateMicros));
            }
            return new Reservation(List.copyOf(holds), null);
        });
    }

    /** Releases the holds and adds the real cost to each budget's spend (0 when the call failed). */
    public void settle(List<Hold> holds, long actualMicros) {
        if (holds.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            for (Hold h : holds) {
                jdbc.sql("""
                        UPDATE ai_budget_spend SET reserved_micros = reserved_micros - :held,
                            spent_micros = spent_micros + :actual
                        WHERE budget_id = :id AND workspace_id = :ws AND period_start = :p
                        """)
                        .param("held", h.reservedMicros())
                        .param("actual", actualMicros)
                        .param("id", h.budget().id())
                        .param("ws", h.budget().workspaceId())
                        .param("p", h.periodKey())
                        .update();
            }
        });
    }

    private static Budget row(ResultSet rs, int n) throws SQLException {
        Budget.Scope scope = Budget.Scope.fromWire(rs.getString("scope")).orElseThrow();
        String subject = rs.getString("subject");
        return new Budget(
                rs.getString("id"),
                rs.getString("workspace_id"),
                scope,
                scope == Budget.Scope.USER ? subject : null,
                Budget.Period.fromWire(rs.getString("period")).orElseThrow(),
                rs.getLong("limit_micros"),
                rs.getInt("fallback_to_cheaper") == 1,
                rs.getString("created_by"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")));
    }
}
