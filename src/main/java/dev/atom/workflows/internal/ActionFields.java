package dev.atom.workflows.internal;

import dev.atom.connectors.Action;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import dev.atom.workflows.internal.BuilderView.Field;
import dev.atom.workflows.internal.BuilderView.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The fields of an action step: the action (from the connector catalog), a connection of that action's
 * connector, and one input per property of the action's input JSON Schema (text, number, yes/no, a choice for
 * enums, JSON for objects and lists), each of which may hold {@code {{ expressions }}} except choices.
 */
final class ActionFields {
    private final Connectors connectors;
    private final String workspaceId;

    private final String viewer;

    /** {@code viewer} (may be null: every connection) limits the picker to the connections they may use. */
    ActionFields(Connectors connectors, String workspaceId, String viewer) {
        this.viewer = viewer;
        this.connectors = connectors;
        this.workspaceId = workspaceId;
    }

    void add(JsonNode s, String path, List<Field> fields, Set<String> shown) {
        shown.addAll(Set.of("action", "connection", "input"));
        String actionId = s.path("action").asString("");
        List<Option> actions = new ArrayList<>(List.of(new Option("", "Choose an action")));
        for (Connector c : connectors.all()) {
            for (Action<?, ?> a : c.actions()) {
                actions.add(new Option(a.id(), c.name() + ": " + a.name()));
            }
        }
        fields.add(BuilderView.field(path + ".action", "", "Action", "select", actionId, actions, true, null));
        var info = connectors.action(actionId);
        String connection = s.path("connection").asString("");
        List<Option> connections = new ArrayList<>();
        if (info.isPresent()) {
            String connector = info.get().connector().id();
            boolean needs =
                    DefinitionParser.needsConnection(info.get().connector().auth());
            connections.add(new Option("", needs ? "Choose a connection" : "None needed"));
            (viewer == null
                            ? connectors.connections(workspaceId)
                            : connectors.connections(new Connectors.Caller(workspaceId, viewer)))
                    .stream()
                            .filter(c -> c.connector().equals(connector))
                            .forEach(c -> connections.add(new Option(c.id(), c.name())));
        } else {
            connections.add(new Option("", "Choose an action first"));
        }
        if (!connection.isEmpty()
                && connections.stream().noneMatch(o -> o.value().equals(connection))) {
            connections.add(new Option(connection, connection + " (not a connection of this action)"));
        }
        fields.add(BuilderView.field(
                path + ".connection", "", "Connection", "select", connection, connections, false, null));
        JsonNode input = s.path("input");
        Set<String> done = new HashSet<>();
        if (info.isPresent()) {
            JsonNode schema = info.get().inputSchema();
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asString("")));
            for (String key : schema.path("properties").propertyNames()) {
                done.add(key);
                fields.add(input(
                        path + ".input." + key,
                        key,
                        required.contains(key),
                        schema.path("properties").get(key),
                        input.get(key)));
            }
        }
        if (input.isObject()) {
            for (String key : input.propertyNames()) {
                if (!done.contains(key)) { // not in the schema: kept, and the validator says so
                    String p = path + ".input." + key;
                    fields.add(new Field(
                            p,
                            p + ":json",
                            key,
                            "hidden",
                            BuilderView.JSON_TEXT.apply(input.get(key)),
                            null,
                            false,
                            null));
                }
            }
        }
        retry(s, path, fields, shown);
    }

    /** How long and how often the action is tried: retry.max/backoff/maxBackoff and timeout, when they fit. */
    private static void retry(JsonNode s, String path, List<Field> fields, Set<String> shown) {
        JsonNode retry = s.get("retry");
        Set<String> keys = Set.of("max", "backoff", "maxBackoff");
        boolean plain = retry == null
                || (retry.isObject()
                        && keys.containsAll(retry.propertyNames())
                        && retry.valueStream().allMatch(v -> v.isString() || v.isNumber()));
        if (plain) {
            shown.add("retry");
            Set<String> inner = new HashSet<>(); // retry's own keys, not the step's
            JsonNode r = retry == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : retry;
            fields.add(BuilderView.number(
                    r, path + ".retry", "max", "Attempts at most (optional, 1 to 20, default 3)", inner));
            fields.add(BuilderView.text(
                    r, path + ".retry", "backoff", "First wait between attempts (optional, default PT1S)", inner));
            fields.add(BuilderView.text(
                    r, path + ".retry", "maxBackoff", "Longest wait between attempts (optional, default PT5M)", inner));
        }
        JsonNode timeout = s.get("timeout");
        if (timeout == null || timeout.isString()) {
            fields.add(
                    BuilderView.text(s, path, "timeout", "Give up an attempt after (optional, at most PT1H)", shown));
        }
    }

    static Field input(String path, String key, boolean required, JsonNode schema, JsonNode value) {
        String label = key + (required ? " (required)" : "");
        String help = schema.path("description").asString(null);
        if (schema.has("enum")) {
            List<Option> options = new ArrayList<>(List.of(new Option("", "—")));
            schema.get("enum").forEach(e -> options.add(new Option(e.asString(""), e.asString(""))));
            return BuilderView.field(path, "", label, "select", BuilderView.scalar(value), options, false, help);
        }
        return switch (type(schema)) {
            case "string" -> BuilderView.field(path, "", label, "text", BuilderView.scalar(value), null, false, help);
            case "integer", "number" ->
                BuilderView.field(path, ":number", label, "text", BuilderView.scalar(value), null, false, help);
            case "boolean" ->
                BuilderView.field(
                        path,
                        ":boolean",
                        label,
                        "select",
                        BuilderView.scalar(value),
                        List.of(new Option("", "—"), new Option("true", "yes"), new Option("false", "no")),
                        false,
                        help);
            default ->
                BuilderView.field(
                        path,
                        ":json",
                        label + " (JSON)",
                        "json",
                        value == null || value.isNull() ? "" : BuilderView.pretty(value),
                        null,
                        false,
                        help);
        };
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t != null && t.isArray()) {
            for (JsonNode each : t) {
                if (!each.asString("").equals("null")) {
                    return each.asString("");
                }
            }
        }
        return t == null ? "" : t.asString("");
    }
}
