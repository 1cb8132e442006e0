package dev.atom.connectors;

import dev.atom.testing.OpenApiContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * msgraph-teams-files-todo.json as the Microsoft 365 connectors' tests check requests against it, cut to the
 * paths a test names, with what Graph documents but its description lacks: the {@code $skiptoken} and {@code
 * $deltatoken} query parameters that Graph itself writes into every {@code @odata.nextLink} and {@code
 * @odata.deltaLink} (a client passes the link back as it is). Graph's schemas refer to themselves (a driveItem's
 * children, a message's replies), which the validator cannot load once {@code allOf} is merged: each reference
 * that closes a cycle becomes a plain object (the fields around it are still checked), and responses, which
 * are stubs, are not described at all. {@code allOf} parts are merged (Graph's entities are {@code entity} + their
 * own fields), so a misspelt field is a violation.
 */
public final class MicrosoftGraphContract {
    private static final String SCHEMAS = "#/components/schemas/";

    private MicrosoftGraphContract() {}

    /** The description cut to the paths starting with one of {@code prefixes} (exact when no '*' ends it). */
    public static OpenApiContract of(String variant, String... prefixes) {
        return OpenApiContract.adjusted("msgraph-teams-files-todo.json", "ms365-" + variant, spec -> {
            ObjectNode paths = (ObjectNode) spec.path("paths");
            for (String path : List.copyOf(paths.propertyNames())) {
                if (!kept(path, prefixes)) {
                    paths.remove(path);
                }
            }
            for (JsonNode item : paths) {
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    if (item.get(method) instanceof ObjectNode op && method.equals("get")) {
                        addQuery(op, "$skiptoken");
                        addQuery(op, "$deltatoken");
                    }
                }
            }
            for (JsonNode item : paths) {
                for (JsonNode op : item) {
                    if (op instanceof ObjectNode o && o.has("responses")) {
                        // stubbed answers are not checked; their schemas only slow the loading down
                        o.putObject("responses").putObject("default").put("description", "not checked");
                    }
                }
            }
            ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
            Map<String, Boolean> state = new HashMap<>();
            for (String name : List.copyOf(schemas.propertyNames())) {
                visit(schemas, name, state);
            }
        });
    }

    /**
     * Depth-first over the schemas, each reference back to a schema still being walked (a cycle: a driveItem's
     * children, a message's replies) replaced by a plain object; what remains loads without end.
     */
    private static void visit(ObjectNode schemas, String name, Map<String, Boolean> state) {
        if (state.containsKey(name) || !(schemas.get(name) instanceof ObjectNode schema)) {
            return;
        }
        state.put(name, false);
        cut(schemas, schema, state);
        state.put(name, true);
    }

    private static void cut(ObjectNode schemas, JsonNode node, Map<String, Boolean> state) {
        if (node instanceof ObjectNode o) {
            // Graph writes "may be null" as anyOf [the type, {nullable object}], which the merged form loses
            for (JsonNode branch : o.path("anyOf")) {
                if (branch.path("nullable").asBoolean(false)) {
                    o.put("nullable", true);
                }
            }
            for (String key : List.copyOf(o.propertyNames())) {
                JsonNode child = o.get(key);
                String ref = child.path("$ref").asString("");
                if (ref.startsWith(SCHEMAS)) {
                    String target = ref.substring(SCHEMAS.length());
                    if (Boolean.FALSE.equals(state.get(target))) {
                        o.putObject(key).put("type", "object");
                    } else {
                        visit(schemas, target, state);
                    }
                } else {
                    cut(schemas, child, state);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String ref = a.get(i).path("$ref").asString("");
                if (ref.startsWith(SCHEMAS) && Boolean.FALSE.equals(state.get(ref.substring(SCHEMAS.length())))) {
                    a.set(i, a.objectNode().put("type", "object"));
                } else if (ref.startsWith(SCHEMAS)) {
                    visit(schemas, ref.substring(SCHEMAS.length()), state);
                } else {
                    cut(schemas, a.get(i), state);
                }
            }
        }
    }

    private static boolean kept(String path, String... prefixes) {
        for (String p : prefixes) {
            if (p.endsWith("*") ? path.startsWith(p.substring(0, p.length() - 1)) : path.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static void addQuery(ObjectNode op, String name) {
        ObjectNode p = op.withArray("parameters").addObject();
        p.put("name", name).put("in", "query").put("description", "Graph's own paging token, from a link it gave");
        p.putObject("schema").put("type", "string");
    }
}
