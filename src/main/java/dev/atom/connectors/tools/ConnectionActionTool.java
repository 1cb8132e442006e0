package dev.atom.connectors.tools;

import dev.atom.connectors.ActionRuns;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.UnknownReference;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector action as a tool for one caller: its schema is the catalog's, plus a required {@code connection}
 * when the caller has several connections of the connector. Reads are {@link Effect#READ}; everything else
 * reaches another app ({@link Effect#EXTERNAL_WRITE}), and deletes and sends are destructive. Immutable.
 */
final class ConnectionActionTool implements Tool {
    /** The input property that picks the connection when there are several. */
    static final String CONNECTION = "connection";

    private static final Set<String> DESTRUCTIVE_VERBS =
            Set.of("delete", "remove", "trash", "destroy", "cancel", "send", "post", "reply", "forward", "invite");
    private static final Pattern FIELD_FIRST = Pattern.compile("^([A-Za-z0-9_]+)[.\\[]?[^:]*: ");
    private static final int MAX_VALUE = 80;

    private final Connectors connectors;
    private final ActionRuns runs;
    private final Duration sendDelay;
    private final Connectors.ActionInfo info;
    private final List<Connectors.ConnectionInfo> connections;
    private final Connectors.Caller builtFor;
    private final String name;
    private final ObjectNode schema;

    /** {@code connections}: those of the connector that {@code builtFor} may use, read for this request. */
    ConnectionActionTool(
            Connectors connectors,
            ActionRuns runs,
            Duration sendDelay,
            Connectors.ActionInfo info,
            List<Connectors.ConnectionInfo> connections,
            Connectors.Caller builtFor) {
        this.connectors = connectors;
        this.runs = runs;
        this.sendDelay = sendDelay;
        this.info = info;
        this.connections = List.copyOf(connections);
        this.builtFor = builtFor;
        this.name = toolName(info.action().id());
        this.schema = schema(info.inputSchema(), this.connections);
    }

    /** {@code slack.post_message} -> {@code slack_post_message}; {@code google-calendar.x} -> {@code google_calendar_x}. */
    static String toolName(String actionId) {
        String n = actionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    private static ObjectNode schema(JsonNode input, List<Connectors.ConnectionInfo> connections) {
        ObjectNode s = input.deepCopy() instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        s.remove("$schema");
        if (connections.size() > 1) {
            ObjectNode props = s.has("properties") ? (ObjectNode) s.get("properties") : s.putObject("properties");
            ObjectNode c = props.putObject(CONNECTION);
            c.put("type", "string");
            ArrayNode ids = c.putArray("enum");
            connections.forEach(x -> ids.add(x.id()));
            c.put(
                    "description",
                    "Which connection to use: "
                            + connections.stream()
                                    .map(x -> x.id() + " = “" + x.name() + "”")
                                    .collect(Collectors.joining(", ")));
            ArrayNode required = s.has("required") ? (ArrayNode) s.get("required") : s.putArray("required");
            required.add(CONNECTION);
        }
        return s;
    }

    @Override
    public String name() {
        return name;
    }

    /** The tool names of the action's former ids, so a held approval made under an old name still finds it. */
    @Override
    public List<String> aliases() {
        return info.action().aliases().stream()
                .map(ConnectionActionTool::toolName)
                .toList();
    }

    @Override
    public String description() {
        String where = connections.size() == 1
                ? " (" + info.connector().name() + " connection “"
                        + connections.getFirst().name() + "”)"
                : " (" + info.connector().name() + "; pick the connection)";
        return info.action().name() + ": " + info.action().description() + where;
    }

    @Override
    public JsonNode inputSchema() {
        return schema.deepCopy();
    }

    @Override
    public Effect effect() {
        return info.action().writes() ? Effect.EXTERNAL_WRITE : Effect.READ;
    }

    @Override
    public boolean destructive() {
        if (!info.action().writes()) {
            return false;
        }
        String verb = info.action().id().substring(info.action().id().indexOf('.') + 1);
        return DESTRUCTIVE_VERBS.stream().anyMatch(v -> verb.equals(v) || verb.startsWith(v + "_"));
    }

    @Override
    public boolean availableTo(ToolContext context) {
        Connectors.Caller caller = new Connectors.Caller(context.workspaceId(), context.userId());
        if (caller.equals(builtFor)) {
            return true; // made from this caller's connections for this request: no query per tool
        }
        return connections.stream()
                .anyMatch(c -> connectors.connection(caller, c.id()).isPresent());
    }

    /** "Post message on Slack connection “Acme”: channel=#general, text=“Hello”". */
    @Override
    public String preview(ToolContext context, JsonNode input) {
        Connectors.ConnectionInfo c = chosen(input);
        String where = c == null ? info.connector().name() : info.connector().name() + " connection “" + c.name() + "”";
        StringBuilder out =
                new StringBuilder(info.action().name()).append(" on ").append(where);
        if (input != null && input.isObject()) {
            String fields = input.properties().stream()
                    .filter(e -> !e.getKey().equals(CONNECTION))
                    .map(e -> e.getKey() + "=" + value(e.getValue()))
                    .collect(Collectors.joining(", "));
            if (!fields.isEmpty()) {
                out.append(": ").append(fields);
            }
        }
        return out.append(undoNote()).toString();
    }

    /** What undo can do for this action: services offer no undo of a connector's write, and a sent mail stays sent. */
    private String undoNote() {
        if (!info.action().writes()) {
            return "";
        }
        if (info.action().reachesPeople() && sendDelay.isPositive()) {
            return " (sent after " + ActionRunResults.seconds(sendDelay) + ", until then Undo stops it;"
                    + " once sent it cannot be undone)";
        }
        return " (cannot be undone)";
    }

    @Override
    public ToolResult call(ToolContext context, JsonNode input) {
        Connectors.ConnectionInfo c = chosen(input);
        if (c == null) {
            return new ToolResult.Failed(
                    "connection must be one of "
                            + connections.stream()
                                    .map(Connectors.ConnectionInfo::id)
                                    .collect(Collectors.joining(", ")),
                    CONNECTION);
        }
        ObjectNode actionInput = input instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
        if (connections.size() > 1) {
            actionInput.remove(CONNECTION);
        }
        Connectors.Caller caller = new Connectors.Caller(context.workspaceId(), context.userId());
        String summary = info.action().name() + " on " + info.connector().name() + " “" + c.name() + "”";
        if (!info.action().writes()) { // a read changes nothing: no run, only the connection's call log
            try {
                JsonNode output =
                        connectors.runRecorded(caller, c.id(), info.action().id(), actionInput, null);
                return new ToolResult.Done(output, summary, null);
            } catch (RuntimeException e) {
                return failure(e, c);
            }
        }
        // a write: a durable run (trigger chat) gives it an idempotency key, retries and a place in the runs list
        ActionRuns.Result result = runs.run(new ActionRuns.Request(
                caller,
                "chat",
                c.id(),
                info.action().id(),
                actionInput,
                info.action().reachesPeople() ? sendDelay : Duration.ZERO,
                null,
                true));
        return switch (result) {
            case ActionRuns.Result.Succeeded done -> new ToolResult.Done(done.output(), summary, null, done.runId());
            case ActionRuns.Result.Pending pending -> ActionRunResults.pending(pending, summary);
            case ActionRuns.Result.Failed failed -> {
                ToolResult.Failed f = failed.cause() == null
                        ? new ToolResult.Failed(failed.error(), null)
                        : failure(failed.cause(), c);
                yield new ToolResult.Failed(f.message(), f.field(), failed.runId());
            }
        };
    }

    /** A connector's failure as the model and the person see it, naming the input field when there is one. */
    private ToolResult.Failed failure(RuntimeException thrown, Connectors.ConnectionInfo c) {
        try {
            throw thrown;
        } catch (ConnectorException.InvalidInput e) {
            var p = e.problems().isEmpty() ? null : e.problems().getFirst();
            return p == null
                    ? new ToolResult.Failed(e.getMessage(), null)
                    : new ToolResult.Failed(
                            p.field() + ": " + p.message(), p.field().isEmpty() ? null : p.field());
        } catch (ConnectorException.NeedsReconnect e) {
            return new ToolResult.Failed(
                    "The connection “" + c.name() + "” needs to be reconnected: " + e.getMessage(), CONNECTION);
        } catch (ConnectorException.Retriable e) {
            return new ToolResult.Failed(
                    info.connector().name() + " did not answer (" + e.getMessage() + "); try again later", null);
        } catch (ConnectorException.NotFound e) {
            return new ToolResult.Failed(
                    info.connector().name() + ": " + e.what() + " was not found",
                    e.field().filter(f -> schema.path("properties").has(f)).orElse(null));
        } catch (ConnectorException.Permanent e) {
            return new ToolResult.Failed(
                    info.connector().name() + " refused: " + e.getMessage(), fieldOf(e.getMessage()));
        } catch (UnknownReference e) {
            return new ToolResult.Failed("The connection is not one you may use", CONNECTION);
        } catch (RuntimeException e) {
            return new ToolResult.Failed(e.getMessage(), null);
        }
    }

    /** The connection the input picks: the only one, or the one named by {@code connection}; null if none fits. */
    private Connectors.ConnectionInfo chosen(JsonNode input) {
        if (connections.size() == 1) {
            return connections.getFirst();
        }
        JsonNode id = input == null ? null : input.get(CONNECTION);
        if (id == null || !id.isString()) {
            return null;
        }
        return connections.stream()
                .filter(c -> c.id().equals(id.asString()))
                .findFirst()
                .orElse(null);
    }

    /** The input field a service refusal starts with ("channel: channel_not_found"), when it is one of ours. */
    private String fieldOf(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = FIELD_FIRST.matcher(message);
        if (!m.find()) {
            return null;
        }
        JsonNode props = schema.get("properties");
        return props != null && props.has(m.group(1)) ? m.group(1) : null;
    }

    private static String value(JsonNode v) {
        String text = v.isString() ? "“" + v.asString() + "”" : v.toString();
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
    }
}
