package dev.atom.ai.ledger;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The usage ledger: appends a row per provider attempt and sums rows for the usage API and chart. Every
 * statement filters by workspace; a member's view adds their user id. Thread-safe (stateless).
 */
@Repository
public class UsageLedger {
    private final JdbcClient jdbc;

    public UsageLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public void append(UsageRecord r) {
        jdbc.sql("""
                INSERT INTO ai_usage (id, workspace_id, user_id, key_id, provider, model, input_tokens, output_tokens,
                    cached_tokens, cost_micros, latency_ms, ttft_ms, outcome, error_code, request_id, source, streamed,
                    usage_estimated, created_at)
                VALUES (:id, :ws, :user, :key, :provider, :model, :in, :out, :cached, :cost, :latency, :ttft, :outcome,
                    :error, :requestId, :source, :streamed, :estimated, :at)
                """)
                .param("id", r.id())
                .param("ws", r.workspaceId())
                .param("user", r.userId())
                .param("key", r.keyId())
                .param("provider", r.provider())
                .param("model", r.model())
                .param("in", r.inputTokens())
                .param("out", r.outputTokens())
                .param("cached", r.cachedTokens())
                .param("cost", r.costMicros())
                .param("latency", r.latencyMs())
                .param("ttft", r.ttftMs())
                .param("outcome", r.outcome())
                .param("error", r.errorCode())
                .param("requestId", r.requestId())
                .param("source", r.source())
                .param("streamed", r.streamed() ? 1 : 0)
                .param("estimated", r.usageEstimated() ? 1 : 0)
                .param("at", Timestamps.format(r.createdAt()))
                .update();
    }

    /** Rows of one call, oldest first (tests and support use it to follow a request through failover). */
    public List<UsageRecord> byRequest(String workspaceId, String requestId) {
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
        return jdbc.sql(sumsSql(groupBy.column, userId) + " GROUP BY " + groupBy.column + " ORDER BY 1")
                .params(params(workspaceId, userId, from, to))
                .query(UsageLedger::totals)
                .list();
    }

    /** Cost per (day, provider) in [from, to), for the usage chart. */
    public List<DayCost> costPerDayAndProvider(String workspaceId, String userId, Instant from, Instant to) {
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
