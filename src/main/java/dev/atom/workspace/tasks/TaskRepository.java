package dev.atom.workspace.tasks;

import dev.atom.shared.db.SqlDialect;
import dev.atom.shared.time.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Tasks and their tags, always within one workspace: every statement filters by workspace_id, so a task id of
 * another workspace behaves as if it did not exist. Thread-safe (stateless).
 */
@Repository
class TaskRepository {
    private static final String COLUMNS = "t.id, t.workspace_id, t.title, t.notes, t.status, t.priority, t.due_at,"
            + " t.time_zone, t.assignee_id, t.project, t.created_by, t.created_at, t.updated_at, t.completed_at";

    private final JdbcClient jdbc;
    private final SqlDialect dialect;
    private final TransactionOperations transactions;

    TaskRepository(JdbcClient jdbc, SqlDialect dialect, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.transactions = transactions;
    }

    /** One page of tasks and the cursor of the next page (null on the last page). */
    record Page(List<Task> items, String nextCursor) {}

    void insert(Task task) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                    INSERT INTO tasks (id, workspace_id, title, title_key, notes, status, priority, due_at, time_zone,
                        assignee_id, project, created_by, created_at, updated_at, completed_at)
                    VALUES (:id, :ws, :title, :titleKey, :notes, :status, :priority, :dueAt, :timeZone,
                        :assigneeId, :project, :createdBy, :createdAt, :updatedAt, :completedAt)
                    """)
                    .params(params(task))
                    .param("createdBy", task.createdBy())
                    .param("createdAt", Timestamps.format(task.createdAt()))
                    .update();
            insertTags(task);
        });
    }

    /** Writes every changeable field of {@code task}; false when it does not exist in its workspace. */
    boolean update(Task task) {
        Boolean updated = transactions.execute(tx -> {
            int rows = jdbc.sql("""
                    UPDATE tasks SET title = :title, title_key = :titleKey, notes = :notes, status = :status,
                        priority = :priority, due_at = :dueAt, time_zone = :timeZone, assignee_id = :assigneeId,
                        project = :project, updated_at = :updatedAt, completed_at = :completedAt
                    WHERE id = :id AND workspace_id = :ws
                    """).params(params(task)).update();
            if (rows == 0) {
                return false;
            }
            jdbc.sql("DELETE FROM task_tags WHERE task_id = :id AND workspace_id = :ws")
                    .param("id", task.id())
                    .param("ws", task.workspaceId())
                    .update();
            insertTags(task);
            return true;
        });
        return Boolean.TRUE.equals(updated);
    }

    boolean delete(String workspaceId, String id) {
        Boolean deleted = transactions.execute(tx -> {
            jdbc.sql("DELETE FROM task_tags WHERE task_id = :id AND workspace_id = :ws")
                    .param("id", id)
                    .param("ws", workspaceId)
                    .update();
            return jdbc.sql("DELETE FROM tasks WHERE id = :id AND workspace_id = :ws")
                            .param("id", id)
                            .param("ws", workspaceId)
                            .update()
                    > 0;
        });
        return Boolean.TRUE.equals(deleted);
    }

    Optional<Task> find(String workspaceId, String id) {
        List<Task> found = withTags(
                workspaceId,
                jdbc.sql("SELECT " + COLUMNS + " FROM tasks t WHERE t.id = :id AND t.workspace_id = :ws")
                        .param("id", id)
                        .param("ws", workspaceId)
                        .query(TaskRepository::row)
                        .list());
        return found.stream().findFirst();
    }

    /** Keyset pagination: the page after the cursor in (sort key, id) order, so no task is skipped or repeated. */
    Page list(String workspaceId, TaskQuery query) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tasks t WHERE t.workspace_id = :ws");
        params.put("ws", workspaceId);
        if (!query.statuses().isEmpty()) {
            sql.append(" AND t.status IN (:statuses)");
            params.put(
                    "statuses", query.statuses().stream().map(TaskStatus::wire).toList());
        }
        if (query.tag() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = t.id AND g.workspace_id = :ws"
                    + " AND g.tag = :tag)");
            params.put("tag", query.tag());
        }
        if (query.dueBefore() != null) {
            sql.append(" AND t.due_at IS NOT NULL AND t.due_at < :dueBefore");
            params.put("dueBefore", Timestamps.format(query.dueBefore()));
        }
        if (query.text() != null) {
            sql.append(" AND (")
                    .append(dialect.containsIgnoreCase("t.title", "q"))
                    .append(" OR ")
                    .append(dialect.containsIgnoreCase("t.notes", "q"))
                    .append(')');
            params.put("q", SqlDialect.escapeLike(query.text()));
        }
        if (query.assigneeId() != null) {
            sql.append(" AND t.assignee_id = :assignee");
            params.put("assignee", query.assigneeId());
        }
        if (query.project() != null) {
            sql.append(" AND t.project = :project");
            params.put("project", query.project());
        }
        TaskSort sort = query.sort();
        String column = sort.column();
        String cmp = sort.descending() ? "<" : ">";
        if (query.cursor() != null) {
            sql.append(" AND (")
                    .append(column)
                    .append(' ')
                    .append(cmp)
                    .append(" :afterKey OR (")
                    .append(column)
                    .append(" = :afterKey AND t.id ")
                    .append(cmp)
                    .append(" :afterId))");
            params.put("afterKey", query.cursor().key());
            params.put("afterId", query.cursor().id());
        }
        String dir = sort.descending() ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(column).append(dir).append(", t.id").append(dir);
        sql.append(" LIMIT :limit");
        params.put("limit", query.limit() + 1);
        List<Task> rows = jdbc.sql(sql.toString())
                .params(params)
                .query(TaskRepository::row)
                .list();
        boolean more = rows.size() > query.limit();
        List<Task> items = withTags(workspaceId, more ? rows.subList(0, query.limit()) : rows);
        String next = null;
        if (more) {
            Task last = items.getLast();
            next = new TaskCursor(sort.wire(), sort.keyOf(last), last.id()).encode();
        }
        return new Page(items, next);
    }

    /**
     * Open tasks (to do or doing) due before {@code before} that are {@code userId}'s: assigned to them, or
     * unassigned and created by them. Earliest due first.
     */
    List<Task> openDueBefore(String workspaceId, String userId, java.time.Instant before, int limit) {
        return withTags(
                workspaceId,
                jdbc.sql("SELECT " + COLUMNS + " FROM tasks t WHERE t.workspace_id = :ws AND t.status <> 'done'"
                                + " AND t.due_at IS NOT NULL AND t.due_at < :before AND (t.assignee_id = :user"
                                + " OR (t.assignee_id IS NULL AND t.created_by = :user)) ORDER BY t.due_at, t.id"
                                + " LIMIT :limit")
                        .param("ws", workspaceId)
                        .param("before", Timestamps.format(before))
                        .param("user", userId)
                        .param("limit", limit)
                        .query(TaskRepository::row)
                        .list());
    }

    /**
     * Tasks of every workspace after {@code afterId} in id order, with their tags: how search streams them all
     * for a rebuild, one bounded batch at a time ({@code afterId} null for the first).
     */
    List<Task> allAfter(String afterId, int limit) {
        List<Task> rows = jdbc.sql("SELECT " + COLUMNS + " FROM tasks t WHERE t.id > :after ORDER BY t.id LIMIT :limit")
                .param("after", afterId == null ? "" : afterId)
                .param("limit", limit)
                .query(TaskRepository::row)
                .list();
        Map<String, List<Task>> byWorkspace = new LinkedHashMap<>();
        rows.forEach(t -> byWorkspace
                .computeIfAbsent(t.workspaceId(), k -> new ArrayList<>())
                .add(t));
        Map<String, Task> withTags = new HashMap<>();
        byWorkspace.forEach((ws, tasks) -> withTags(ws, tasks).forEach(t -> withTags.put(t.id(), t)));
        return rows.stream().map(t -> withTags.get(t.id())).toList();
    }

    private void insertTags(Task task) {
        int position = 0;
        for (String tag : task.tags()) {
            jdbc.sql("INSERT INTO task_tags (task_id, workspace_id, tag, position) VALUES (:id, :ws, :tag, :pos)")
                    .param("id", task.id())
                    .param("ws", task.workspaceId())
                    .param("tag", tag)
                    .param("pos", position++)
                    .update();
        }
    }

    private List<Task> withTags(String workspaceId, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        jdbc.sql("SELECT task_id, tag FROM task_tags WHERE workspace_id = :ws AND task_id IN (:ids)"
                        + " ORDER BY task_id, position")
                .param("ws", workspaceId)
                .param("ids", tasks.stream().map(Task::id).toList())
                .query(rs -> {
                    tags.computeIfAbsent(rs.getString("task_id"), k -> new ArrayList<>())
                            .add(rs.getString("tag"));
                });
        return tasks.stream()
                .map(t -> new Task(
                        t.id(),
                        t.workspaceId(),
                        t.title(),
                        t.notes(),
                        t.status(),
                        t.priority(),
                        t.dueAt(),
                        t.timeZone(),
                        tags.getOrDefault(t.id(), List.of()),
                        t.assigneeId(),
                        t.project(),
                        t.createdBy(),
                        t.createdAt(),
                        t.updatedAt(),
                        t.completedAt()))
                .toList();
    }

    private static Map<String, Object> params(Task task) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", task.id());
        p.put("ws", task.workspaceId());
        p.put("title", task.title());
        p.put("titleKey", task.titleKey());
        p.put("notes", task.notes());
        p.put("status", task.status().wire());
        p.put("priority", task.priority().ordinal());
        p.put("dueAt", Timestamps.format(task.dueAt()));
        p.put("timeZone", task.timeZone());
        p.put("assigneeId", task.assigneeId());
        p.put("project", task.project());
        p.put("updatedAt", Timestamps.format(task.updatedAt()));
        p.put("completedAt", Timestamps.format(task.completedAt()));
        return p;
    }

    private static Task row(ResultSet rs, int n) throws SQLException {
        return new Task(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("title"),
                rs.getString("notes"),
                TaskStatus.fromWire(rs.getString("status")).orElseThrow(),
                TaskPriority.ofRank(rs.getInt("priority")),
                Timestamps.parse(rs.getString("due_at")),
                rs.getString("time_zone"),
                List.of(),
                rs.getString("assignee_id"),
                rs.getString("project"),
                rs.getString("created_by"),
                Timestamps.parse(rs.getString("created_at")),
                Timestamps.parse(rs.getString("updated_at")),
                Timestamps.parse(rs.getString("completed_at")));
    }
}
