package dev.atom.connectors.asana;

import static dev.atom.connectors.asana.AsanaApi.query;
import static dev.atom.connectors.asana.AsanaApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Changes in an Asana project through its events feed ({@code GET /events?resource=&sync=}). The first poll
 * has no sync token: Asana answers 412 with a fresh one, which becomes the cursor (no events). Later polls
 * get the events since then and a new token, following {@code has_more}. A token Asana no longer knows (about
 * a day old) answers 412 again: the cursor restarts at the new token and the log says changes in between
 * were not seen. Stateless.
 */
final class AsanaEventsTrigger implements PollingTrigger {
    private static final Logger log = LoggerFactory.getLogger(AsanaEventsTrigger.class);
    static final int MAX_PAGES = 10;

    @Schema(description = "Which project to watch")
    record Settings(
            @Schema(description = "The project's id") String project) {}

    @Schema(description = "Something that changed in the project")
    record ProjectEvent(
            @Schema(description = "added, changed, removed, deleted or undeleted")
            String action,

            @Schema(description = "What changed: task, story, section, project...")
            String resourceType,

            @Schema(description = "Its id") String resourceGid,

            @Schema(description = "Its name when Asana says") @Nullable
            String resourceName,

            @Schema(description = "For stories: comment_added and the like") @Nullable
            String resourceSubtype,

            @Schema(description = "What it was added to or removed from (type:gid)") @Nullable
            String parent,

            @Schema(description = "For changes: the field that changed") @Nullable
            String field,

            @Schema(description = "Who did it (user id)") @Nullable
            String user,

            @Schema(description = "When", format = "date-time") @Nullable
            String createdAt) {}

    @Override
    public String id() {
        return "asana.project_changed";
    }

    @Override
    public String name() {
        return "Project changed";
    }

    @Override
    public String description() {
        return "Starts when a task or comment in an Asana project is added, changed or removed.";
    }

    @Override
    public Class<ProjectEvent> eventType() {
        return ProjectEvent.class;
    }

    @Override
    public Class<? extends Record> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        throw new ConnectorException.InvalidInput("project", "choose the project to watch");
    }

    @Override
    public Poll poll(ActionContext context, JsonNode settings, String cursor) {
        String project = AsanaTask.gid(settings == null ? null : text(settings, "project"), "project");
        List<TriggerEvent> events = new ArrayList<>();
        String sync = cursor;
        for (int page = 0; page < MAX_PAGES; page++) {
            var response = AsanaApi.send(context, "GET", "/events", query("resource", project, "sync", sync), null);
            if (response.status() == 412) {
                String fresh = text(AsanaApi.parse(response), "sync");
                if (fresh == null) {
                    throw new ConnectorException.Retriable(412, "Asana sent no sync token", null);
                }
                if (sync != null) {
                    log.warn(
                            "the asana sync token of connection {} for project {} expired; the cursor restarts"
                                    + " and changes in between do not start workflows",
                            context.connection().id(),
                            project);
                }
                return new PollingTrigger.Poll(events, fresh);
            }
            AsanaApi.raise(context, response, "project");
            JsonNode body = AsanaApi.parse(response);
            for (JsonNode e : body.path("data")) {
                ProjectEvent event = event(e);
                events.add(new TriggerEvent(key(event), instant(event.createdAt()), AsanaApi.JSON.valueToTree(event)));
            }
            sync = text(body, "sync") == null ? sync : text(body, "sync");
            if (!body.path("has_more").asBoolean(false)) {
                break;
            }
        }
        return new PollingTrigger.Poll(events, sync);
    }

    private static ProjectEvent event(JsonNode e) {
        JsonNode resource = e.path("resource");
        JsonNode parent = e.path("parent");
        String parentGid = text(parent, "gid");
        return new ProjectEvent(
                e.path("action").asString(""),
                resource.path("resource_type").asString(""),
                resource.path("gid").asString(""),
                text(resource, "name"),
                text(resource, "resource_subtype"),
                parentGid == null ? null : parent.path("resource_type").asString("") + ":" + parentGid,
                text(e.path("change"), "field"),
                text(e.path("user"), "gid"),
                text(e, "created_at"));
    }

    // Asana events carry no id: what, which action, which field and when make one
    private static String key(ProjectEvent e) {
        return e.resourceType() + ":" + e.resourceGid() + ":" + e.action() + ":"
                + (e.field() == null ? "" : e.field()) + ":" + (e.parent() == null ? "" : e.parent()) + "@"
                + (e.createdAt() == null ? "" : e.createdAt());
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
