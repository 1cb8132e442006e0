package dev.atom.connectors.notion;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.SyncedWorkItem;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** How a Notion database item reads as a work item: title, done, due date, and the properties to write back. */
final class NotionItems {
    private NotionItems() {}

    /**
     * What the feed needs of a data source: its name and, per status property, the option names of its Complete
     * group (the first of which completing writes).
     */
    record Schema(String name, Map<String, java.util.List<String>> completeOptions) {}

    static Schema schema(ActionContext ctx, String dataSourceId) {
        JsonNode ds = NotionApi.get(ctx, "/data_sources/" + dataSourceId, "token");
        Map<String, java.util.List<String>> complete = new LinkedHashMap<>();
        for (var p : ds.path("properties").properties()) {
            JsonNode status = p.getValue().path("status");
            if (!"status".equals(p.getValue().path("type").asString(""))) {
                continue;
            }
            Map<String, String> names = new LinkedHashMap<>();
            status.path("options")
                    .forEach(o ->
                            names.put(o.path("id").asString(), o.path("name").asString()));
            java.util.List<String> done = new java.util.ArrayList<>();
            for (JsonNode g : status.path("groups")) {
                if ("complete".equals(g.path("name").asString("").toLowerCase(Locale.ROOT))) {
                    g.path("option_ids").forEach(id -> {
                        String n = names.get(id.asString());
                        if (n != null) {
                            done.add(n);
                        }
                    });
                }
            }
            complete.put(p.getKey(), done);
        }
        String title = NotionProperties.plainText(ds.path("title"));
        return new Schema(title.isBlank() ? "Notion" : title, complete);
    }

    static boolean hasPeople(JsonNode page) {
        for (var p : page.path("properties").properties()) {
            if ("people".equals(p.getValue().path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** True when a people property of the page holds the user. */
    static boolean holds(JsonNode page, String userId) {
        for (var p : page.path("properties").properties()) {
            if ("people".equals(p.getValue().path("type").asString(""))) {
                for (JsonNode person : p.getValue().path("people")) {
                    if (userId.equals(person.path("id").asString(""))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static SyncedWorkItem item(JsonNode page, Schema schema, boolean mine, Instant edited) {
        String title = "";
        String status = null;
        boolean done = false;
        String dueDate = null;
        Map<String, String> refs = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (var p : page.path("properties").properties()) {
            JsonNode v = p.getValue();
            String type = v.path("type").asString("");
            switch (type) {
                case "title" -> title = NotionProperties.plainText(v.path("title"));
                case "status" -> {
                    if (seen.add("status")) {
                        status = NotionApi.text(v.path("status").get("name"));
                        java.util.List<String> complete =
                                schema.completeOptions().getOrDefault(p.getKey(), java.util.List.of());
                        done = status != null && complete.contains(status);
                        refs.put("statusProperty", p.getKey());
                        if (!complete.isEmpty()) {
                            refs.put("doneOption", complete.getFirst());
                        }
                    }
                }
                case "checkbox" -> {
                    if (p.getKey().strip().equalsIgnoreCase("done") && !refs.containsKey("statusProperty")) {
                        done = v.path("checkbox").asBoolean(false);
                        status = done ? "Done" : "Not done";
                        refs.put("checkboxProperty", p.getKey());
                    }
                }
                case "date" -> {
                    if (seen.add("date")) {
                        dueDate = NotionApi.text(v.path("date").get("start"));
                        refs.put("dateProperty", p.getKey());
                    }
                }
                default -> {}
            }
        }
        if (refs.containsKey("checkboxProperty") && refs.containsKey("statusProperty")) {
            refs.remove("checkboxProperty");
        }
        return new SyncedWorkItem(
                page.path("id").asString(),
                "page",
                title.isBlank() ? "Untitled" : title,
                schema.name(),
                status,
                done,
                NotionItemsFeed.date(dueDate),
                mine,
                null,
                NotionApi.text(page.get("url")),
                edited,
                refs);
    }
}
