package dev.atom.assistant.internal;

import dev.atom.shared.time.Timestamps;
import dev.atom.shared.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The assistant's actions. Reads by id filter by workspace and user, so another person's action does not exist
 * for the caller; a status change names the status it expects, so two approvals of one action run it once.
 * Thread-safe (stateless).
 */
@Repository
class ActionRepository {
    private static final String COLUMNS = "id, workspace_id, user_id, conversation_id, message_id, tool_call_id,"
            + " tool, input, preview, effect, time_zone, status, summary, output, undo, error, created_at, updated_at,"
            + " run_id";

    private final JdbcClient jdbc;

    ActionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Action a) {
        jdbc.sql("INSERT INTO assistant_actions (" + COLUMNS + ") VALUES (:id, :ws, :user, :conversation, :message,"
                        + " :callId, :tool, :input, :preview, :effect, :timeZone, :status, :summary, :output, :undo, :error,"
                        + " :created, :updated, :run)")
                .param("id", a.id())
                .param("ws", a.workspaceId())
                .param("user", a.userId())
                .param("conversation", a.conversationId())
                .param("message", a.messageId())
                .param("callId", a.toolCallId())
                .param("tool", a.tool())
                .param("input", a.input())
                .param("preview", a.preview())
                .param("effect", a.effect())
                .param("timeZone", a.timeZone())
                .param("status", a.status().wire())
                .param("summary", a.summary())
                .param("output", a.output())
                .param("undo", a.undo())
                .param("error", a.error())
                .param("created", Timestamps.format(a.createdAt()))
                .param("updated", Timestamps.format(a.updatedAt()))
                .param("run", a.runId())
                .update();
    }

    /**
     * Claims a done action for its undo (status running, saved before anything is undone), once: a second undo,
     * or one racing this, is a 409.
     */
    Action claimUndo(Action action, Instant now) {
        Action running = action.with(
                Action.Status.RUNNING, action.input(), action.summary(), action.output(), action.undo(), null, now);
        if (!transition(running, Action.Status.DONE)) {
            throw ApiException.conflict("This action was already undone");
        }
        return running;
    }

    Optional<Action> find(String workspaceId, String userId, String id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM assistant_actions WHERE id = :id AND workspace_id = :ws AND user_id = :user")
                .param("id", id)
                .param("ws", workspaceId)
                .param("user", userId)
                .query(ActionRepository::action)
                .optional();
    }

    /** A conversation's actions, oldest first. */
    List<Action> ofConversation(String workspaceId, String conversationId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM assistant_actions WHERE conversation_id = :id AND workspace_id = :ws ORDER BY id")
                .param("id", conversationId)
                .param("ws", workspaceId)
                .query(ActionRepository::action)
                .list();
    }

    /** Writes {@code next} if the action is still in status {@code expected}; false when someone else moved it. */
    boolean transition(Action next, Action.Status expected) {
        return jdbc.sql("UPDATE assistant_actions SET status = :status, input = :input, summary = :summary,"
                                + " output = :output, undo = :undo, error = :error, updated_at = :updated,"
                                + " run_id = :run"
                                + " WHERE id = :id AND workspace_id = :ws AND status = :expected")
                        .param("status", next.status().wire())
                        .param("input", next.input())
                        .param("summary", next.summary())
                        .param("output", next.output())
                        .param("undo", next.undo())
                        .param("error", next.error())
                        .param("updated", Timestamps.format(next.updatedAt()))
                        .param("run", next.runId())
                        .param("id", next.id())
                        .param("ws", next.workspaceId())
                        .param("expected", expected.wire())
                        .update()
                > 0;
    }

    private static Action action(ResultSet rs, int row) throws SQLException {
        return new Action(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("user_id"),
                rs.getString("conversation_id"),
                rs.getString("message_id"),
                rs.getString("tool_call_id"),
                rs.getString("tool"),
                rs.getString("input"),
                rs.getString("preview"),
                rs.getString("effect"),
                rs.getString("time_zone"),
                Action.Status.of(rs.getString("status")),
                rs.getString("summary"),
                rs.getString("output"),
                rs.getString("undo"),
                rs.getString("error"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")),
                rs.getString("run_id"));
    }
}
