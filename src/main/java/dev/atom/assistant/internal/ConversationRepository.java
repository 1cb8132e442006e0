package dev.atom.assistant.internal;

import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Conversations and their messages. Every statement filters by workspace and, for conversations, by their user:
 * another user's conversation behaves as if it did not exist. Thread-safe (stateless).
 */
@Repository
class ConversationRepository {
    private static final String COLUMNS = "id, workspace_id, user_id, title, created_at, updated_at";
    private static final String MESSAGE_COLUMNS = "id, workspace_id, conversation_id, role, text, tool_calls,"
            + " tool_call_id, tool_name, model, input_tokens, output_tokens, cost_micros, created_at";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;

    ConversationRepository(JdbcClient jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Where the next page starts: the last conversation's updated_at and id (null on the last page). */
    record Page(List<Conversation> items, String nextUpdatedAt, String nextId) {}

    void insert(Conversation c) {
        jdbc.sql("INSERT INTO assistant_conversations (" + COLUMNS
                        + ") VALUES (:id, :ws, :user, :title, :created, :updated)")
                .param("id", c.id())
                .param("ws", c.workspaceId())
                .param("user", c.userId())
                .param("title", c.title())
                .param("created", Timestamps.format(c.createdAt()))
                .param("updated", Timestamps.format(c.updatedAt()))
                .update();
    }

    Optional<Conversation> find(String workspaceId, String userId, String id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM assistant_conversations WHERE id = :id AND workspace_id = :ws AND user_id = :user")
                .param("id", id)
                .param("ws", workspaceId)
                .param("user", userId)
                .query(ConversationRepository::conversation)
                .optional();
    }

    /** The user's conversations, most recently active first, after ({@code afterUpdatedAt}, {@code afterId}). */
    Page page(String workspaceId, String userId, int limit, String afterUpdatedAt, String afterId) {
        String after =
                afterId == null ? "" : " AND (updated_at < :afterAt OR (updated_at = :afterAt AND id < :afterId))";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM assistant_conversations WHERE workspace_id = :ws"
                        + " AND user_id = :user" + after + " ORDER BY updated_at DESC, id DESC LIMIT :limit")
                .param("ws", workspaceId)
                .param("user", userId)
                .param("limit", limit + 1);
        if (afterId != null) {
            spec = spec.param("afterAt", afterUpdatedAt).param("afterId", afterId);
        }
        List<Conversation> rows =
                spec.query(ConversationRepository::conversation).list();
        if (rows.size() <= limit) {
            return new Page(rows, null, null);
        }
        Conversation last = rows.get(limit - 1);
        return new Page(rows.subList(0, limit), Timestamps.format(last.updatedAt()), last.id());
    }

    boolean rename(String workspaceId, String userId, String id, String title, java.time.Instant at) {
        return jdbc.sql("UPDATE assistant_conversations SET title = :title, updated_at = :at"
                                + " WHERE id = :id AND workspace_id = :ws AND user_id = :user")
                        .param("title", title)
                        .param("at", Timestamps.format(at))
                        .param("id", id)
                        .param("ws", workspaceId)
                        .param("user", userId)
                        .update()
                > 0;
    }

    /** Deletes the conversation with its messages and actions. */
    boolean delete(String workspaceId, String userId, String id) {
        Boolean deleted = transactions.execute(tx -> {
            if (find(workspaceId, userId, id).isEmpty()) {
                return false;
            }
            for (String table : List.of("assistant_actions", "assistant_messages")) {
                jdbc.sql("DELETE FROM " + table + " WHERE conversation_id = :id AND workspace_id = :ws")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .update();
            }
            return jdbc.sql("DELETE FROM assistant_conversations WHERE id = :id AND workspace_id = :ws")
                            .param("id", id)
                            .param("ws", workspaceId)
                            .update()
                    > 0;
        });
        return Boolean.TRUE.equals(deleted);
    }

    /** Appends a message and marks the conversation active at its time. */
    void append(Message m) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("INSERT INTO assistant_messages (" + MESSAGE_COLUMNS + ") VALUES (:id, :ws, :conversation,"
                            + " :role, :text, :toolCalls, :toolCallId, :toolName, :model, :inputTokens,"
                            + " :outputTokens, :cost, :created)")
                    .param("id", m.id())
                    .param("ws", m.workspaceId())
                    .param("conversation", m.conversationId())
                    .param("role", m.role().wire())
                    .param("text", m.text())
                    .param("toolCalls", m.toolCalls())
                    .param("toolCallId", m.toolCallId())
                    .param("toolName", m.toolName())
                    .param("model", m.model())
                    .param("inputTokens", m.inputTokens())
                    .param("outputTokens", m.outputTokens())
                    .param("cost", m.costMicros())
                    .param("created", Timestamps.format(m.createdAt()))
                    .update();
            jdbc.sql("UPDATE assistant_conversations SET updated_at = :at WHERE id = :id AND workspace_id = :ws")
                    .param("at", Timestamps.format(m.createdAt()))
                    .param("id", m.conversationId())
                    .param("ws", m.workspaceId())
                    .update();
        });
    }

    /** The conversation's messages in the order they were written (ids are time-ordered). */
    List<Message> messages(String workspaceId, String conversationId) {
        return jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM assistant_messages"
                        + " WHERE conversation_id = :id AND workspace_id = :ws ORDER BY id")
                .param("id", conversationId)
                .param("ws", workspaceId)
                .query(ConversationRepository::message)
                .list();
    }

    private static Conversation conversation(ResultSet rs, int row) throws SQLException {
        return new Conversation(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("user_id"),
                rs.getString("title"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")));
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("conversation_id"),
                Message.Role.of(rs.getString("role")),
                rs.getString("text"),
                rs.getString("tool_calls"),
                rs.getString("tool_call_id"),
                rs.getString("tool_name"),
                rs.getString("model"),
                nullableLong(rs, "input_tokens"),
                nullableLong(rs, "output_tokens"),
                nullableLong(rs, "cost_micros"),
                Timestamps.parse(rs.getString("created_at")));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
