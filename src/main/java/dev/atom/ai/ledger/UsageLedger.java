package dev.atom.ai.ledger;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The usage ledger: appends a row per provider attempt and sums rows for the usage API and chart. Every
 * statement filters by workspace; a member's view adds their user id. Rows are written off the request path,
 * in batches by one background thread (bounded queue, every {@link #FLUSH_INTERVAL} or {@link #BATCH} rows,
 * and on shutdown); budgets stay synchronous elsewhere, so a batched row never lets a call overspend. A crash
 * (not a shutdown) loses at most the rows of the last interval. Thread-safe.
 */
@Repository
public class UsageLedger implements AutoCloseable {
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);
    /** Rows per INSERT: 19 parameters each stays under SQLite's and PostgreSQL's parameter limits. */
    static final int BATCH = 50;

    static final int CAPACITY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

    private final JdbcClient jdbc;
    private final BlockingQueue<UsageRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Semaphore wake = new Semaphore(0);
    private final Object flushLock = new Object();
    private final Thread writer;
    private volatile boolean closed;

    /** A ledger whose rows are written by a background thread every {@link #FLUSH_INTERVAL}. */
    @Autowired
    public UsageLedger(JdbcClient jdbc) {
        this(jdbc, true);
    }

    /** {@code batched} false: every append is written at once (tests that want no thread). */
    public UsageLedger(JdbcClient jdbc, boolean batched) {
        this.jdbc = jdbc;
        this.writer =
                batched ? Thread.ofPlatform().daemon().name("ai-usage-writer").start(this::run) : null;
    }

    /** How rows are grouped; {@code column} is a fixed SQL expression, never user text. */
    public enum GroupBy {
        DAY("substr(created_at, 1, 10)"),
        PROVIDER("provider"),
        MODEL("model"),
        USER("user_id");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    /** The sums of one group; {@code calls} counts answered calls, {@code failedAttempts} the rest. */
    public record Totals(
            String key,
            long calls,
            long failedAttempts,
            long inputTokens,
            long outputTokens,
            long cachedTokens,
            long costMicros) {}

    /**
     * Queues a row; the background writer inserts it within {@link #FLUSH_INTERVAL}. When the queue is full the
     * row is written on the caller's thread after a flush (back-pressure, never a lost row).
     */
    public void append(UsageRecord r) {
        if (writer == null || closed || !queue.offer(r)) {
            flush();
            insert(List.of(r));
            return;
        }
        if (closed) { // closed while this row was being queued: the writer is gone, write it here
            flush();
        } else if (queue.size() >= BATCH) {
            wake.release();
        }
    }

    /** Writes every queued row now. Reads call it first, so this instance always sees its own rows. */
    public void flush() {
        synchronized (flushLock) {
            List<UsageRecord> batch = new ArrayList<>(BATCH);
            while (queue.drainTo(batch, BATCH) > 0) {
                try {
                    insert(batch);
                } catch (RuntimeException e) {
                    insertOneByOne(batch, e);
                }
                batch.clear();
            }
        }
    }

    /** Stops the writer and writes what is queued (on shutdown, after the web server drained its requests). */
    @Override
    public void close() {
        closed = true;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                wake.tryAcquire(FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    /** A batch failed (a bad row, a lost connection): each row gets its own chance; what still fails is logged. */
    private void insertOneByOne(List<UsageRecord> batch, RuntimeException cause) {
        log.warn("could not write {} usage rows at once, writing them one by one", batch.size(), cause);
        for (UsageRecord r : batch) {
            try {
                insert(List.of(r));
            } catch (RuntimeException e) {
                log.error("lost usage row {} (request {})", r.id(), r.requestId(), e);
            }
        }
    }

    /** One multi-row INSERT per batch (one statement, so one transaction on both databases). */
    private void insert(List<UsageRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO ai_usage (id, workspace_id, user_id, key_id, provider, model, input_tokens, output_tokens,
                    cached_tokens, cost_micros, latency_ms, ttft_ms, outcome, error_code, request_id, source, streamed,
                    usage_estimated, created_at) VALUES
                """);
        List<Object> params = new ArrayList<>(rows.size() * 19);
        for (int i = 0; i < rows.size(); i++) {
            UsageRecord r = rows.get(i);
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(
                    r.id(),
                    r.workspaceId(),
                    r.userId(),
                    r.keyId(),
                    r.provider(),
                    r.model(),
                    r.inputTokens(),
                    r.outputTokens(),
                    r.cachedTokens(),
                    r.costMicros(),
                    r.latencyMs(),
                    r.ttftMs(),
                    r.outcome(),
                    r.errorCode(),
                    r.requestId(),
                    r.source(),
                    r.streamed() ? 1 : 0,
                    r.usageEstimated() ? 1 : 0,
                    Timestamps.format(r.createdAt())));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** Rows of one call, oldest first (tests and support use it to follow a request through failover). */
    public List<UsageRecord> byRequest(String workspaceId, String requestId) {
        flush();
        return jdbc.sql("SELECT * FROM ai_usage WHERE workspace_id = :ws AND request_id = :rid ORDER BY created_at, id")
                .param("ws", workspaceId)
                .param("rid", requestId)
                .query(UsageLedger::row)
                .list();
    }

    /**
     * Sums of the rows in [from, to) grouped by {@code groupBy}, ordered by key; only {@code userId}'s rows
     * when it is not null (a member's own view).
     */
    public List<Totals> totals(String workspaceId, String userId, Instant from, Instant to, GroupBy groupBy) {
        flush();
        return jdbc.sql(sumsSql(groupBy.column, userId) + " GROUP BY " + groupBy.column + " ORDER BY 1")
                .params(params(workspaceId, userId, from, to))
                .query(UsageLedger::totals)
                .list();
    }

    /** Cost per (day, provider) in [from, to), for the usage chart. */
    public List<DayCost> costPerDayAndProvider(String workspaceId, String userId, Instant from, Instant to) {
        flush();
        String sql = "SELECT substr(created_at, 1, 10) AS day, provider, SUM(cost_micros) AS cost FROM ai_usage"
                + where(userId) + " GROUP BY substr(created_at, 1, 10), provider ORDER BY 1, 2";
        return jdbc.sql(sql)
                .params(params(workspaceId, userId, from, to))
                .query((rs, n) -> new DayCost(rs.getString("day"), rs.getString("provider"), rs.getLong("cost")))
                .list();
    }

    public record DayCost(String day, String provider, long costMicros) {}

    private static String sumsSql(String keyColumn, String userId) {
        return "SELECT " + keyColumn + " AS k,"
                + " SUM(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END) AS calls,"
                + " SUM(CASE WHEN outcome = 'ok' THEN 0 ELSE 1 END) AS failed,"
                + " SUM(input_tokens) AS tin, SUM(output_tokens) AS tout, SUM(cached_tokens) AS tcached,"
                + " SUM(cost_micros) AS cost FROM ai_usage" + where(userId);
    }

    private static String where(String userId) {
        return " WHERE workspace_id = :ws AND created_at >= :from AND created_at < :to"
                + (userId == null ? "" : " AND user_id = :user");
    }

    private static Map<String, Object> params(String workspaceId, String userId, Instant from, Instant to) {
        Map<String, Object> p = new HashMap<>();
        p.put("ws", workspaceId);
        p.put("from", Timestamps.format(from));
        p.put("to", Timestamps.format(to));
        if (userId != null) {
            p.put("user", userId);
        }
        return p;
    }

    private static Totals totals(ResultSet rs, int n) throws SQLException {
        return new Totals(
                rs.getString("k"),
                rs.getLong("calls"),
                rs.getLong("failed"),
                rs.getLong("tin"),
                rs.getLong("tout"),
                rs.getLong("tcached"),
                rs.getLong("cost"));
    }

    private static UsageRecord row(ResultSet rs, int n) throws SQLException {
        long ttft = rs.getLong("ttft_ms");
        Long ttftMs = rs.wasNull() ? null : ttft;
        return new UsageRecord(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("user_id"),
                rs.getString("key_id"),
                rs.getString("provider"),
                rs.getString("model"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getLong("cached_tokens"),
                rs.getLong("cost_micros"),
                rs.getLong("latency_ms"),
                ttftMs,
                rs.getString("outcome"),
                rs.getString("error_code"),
                rs.getString("request_id"),
                rs.getString("source"),
                rs.getInt("streamed") == 1,
                rs.getInt("usage_estimated") == 1,
                Timestamps.parse(rs.getString("created_at")));
    }
}
