package dev.atom.connectors.asana;

import static dev.atom.connectors.asana.AsanaApi.query;
import static dev.atom.connectors.asana.AsanaApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.connectors.UpdatedSinceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code asana.tasks}: the tasks assigned to the account in each of its Asana workspaces ({@code GET /tasks?
 * assignee=me&workspace=...}). A full pass asks for the unfinished ones ({@code completed_since=now}); a poll for
 * those modified since ({@code modified_since}), finished ones included. Deleted and reassigned tasks go at the
 * next full pass. The page token is {@code <workspace index>:<Asana offset>}, so a pass walks the workspaces in
 * turn.
 */
final class AsanaTasksFeed extends UpdatedSinceFeed {
    static final String FIELDS = "name,completed,due_on,notes,permalink_url,modified_at,projects.name";

    @Override
    public String id() {
        return "asana.tasks";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedWorkItem.class;
    }

    @Override
    protected Batch listAll(ActionContext ctx, String page, int pageSize) {
        String now = ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return list(ctx, "completed_since", now, page, pageSize);
    }

    @Override
    protected Batch listChanged(ActionContext ctx, Instant since, String page, int pageSize) {
        return list(ctx, "modified_since", since.truncatedTo(ChronoUnit.SECONDS).toString(), page, pageSize);
    }

    private static Batch list(ActionContext ctx, String filter, String value, String page, int pageSize) {
        JsonNode me = AsanaApi.call(ctx, "GET", "/users/me", query("opt_fields", "workspaces.name"), null, null);
        List<JsonNode> workspaces = new ArrayList<>();
        me.path("data").path("workspaces").forEach(workspaces::add);
        int index = page == null ? 0 : Integer.parseInt(page.substring(0, page.indexOf(':')));
        String offset = page == null || page.endsWith(":") ? null : page.substring(page.indexOf(':') + 1);
        if (index >= workspaces.size()) {
            return new Batch(List.of(), null);
        }
        JsonNode ws = workspaces.get(index);
        JsonNode answer = AsanaApi.call(
                ctx,
                "GET",
                "/tasks",
                query(
                        "assignee",
                        "me",
                        "workspace",
                        ws.path("gid").asString(),
                        filter,
                        value,
                        "opt_fields",
                        FIELDS,
                        "limit",
                        pageSize,
                        "offset",
                        offset),
                null,
                "workspace");
        List<SyncChange> changes = new ArrayList<>();
        answer.path("data").forEach(t -> changes.add(new SyncChange.Upsert(item(t, text(ws, "name")))));
        String next = text(answer.path("next_page"), "offset");
        if (next != null) {
            return new Batch(changes, index + ":" + next);
        }
        return new Batch(changes, index + 1 < workspaces.size() ? (index + 1) + ":" : null);
    }

    static SyncedWorkItem item(JsonNode t, String workspaceName) {
        boolean completed = t.path("completed").asBoolean(false);
        String project = text(t.path("projects").path(0), "name");
        String due = text(t, "due_on");
        String modified = text(t, "modified_at");
        return new SyncedWorkItem(
                t.path("gid").asString(),
                "task",
                t.path("name").asString(""),
                project != null ? project : workspaceName,
                completed ? "completed" : "open",
                completed,
                date(due),
                true,
                text(t, "notes"),
                text(t, "permalink_url"),
                modified == null ? null : Instant.parse(modified),
                Map.of());
    }

    private static LocalDate date(String s) {
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
