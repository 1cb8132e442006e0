package dev.atom.assistant.internal;

import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Calls a tool safely: the input parsed and checked against its schema first (problems name the field), a tool
 * that throws turned into a {@link ToolResult.Failed} (logged; the message never reaches the model or the person),
 * so every outcome is data the model can act on. Thread-safe.
 */
@Component
class ToolCalls {
    private static final Logger log = LoggerFactory.getLogger(ToolCalls.class);

    /** The input as JSON, or a failure saying why not. */
    sealed interface Parsed {
        record Input(JsonNode value) implements Parsed {}

        record Refused(ToolResult.Failed failure) implements Parsed {}
    }

    Parsed parse(Tool tool, String arguments) {
        JsonNode input;
        try {
            input = arguments == null || arguments.isBlank()
                    ? AssistantJson.NODES.objectNode()
                    : AssistantJson.JSON.readTree(arguments);
        } catch (JacksonException e) {
            return new Parsed.Refused(new ToolResult.Failed("The arguments are not valid JSON.", null));
        }
        return check(tool, input);
    }

    Parsed check(Tool tool, JsonNode input) {
        List<SchemaCheck.Problem> problems = SchemaCheck.problems(input, tool.inputSchema());
        if (!problems.isEmpty()) {
            SchemaCheck.Problem first = problems.get(0);
            String all = problems.stream()
                    .map(p -> p.field() + " " + p.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
            return new Parsed.Refused(new ToolResult.Failed("Invalid input: " + all, first.field()));
        }
        return new Parsed.Input(input);
    }

    ToolResult call(Tool tool, ToolContext context, JsonNode input) {
        try {
            ToolResult result = tool.call(context, input);
            return result == null ? new ToolResult.Failed("The tool gave no result.", null) : result;
        } catch (RuntimeException e) {
            log.warn("tool {} failed", tool.name(), e);
            return new ToolResult.Failed("The tool failed unexpectedly; nothing more is known.", null);
        }
    }

    String preview(Tool tool, ToolContext context, JsonNode input) {
        try {
            String preview = tool.preview(context, input);
            return preview == null || preview.isBlank() ? tool.name() : preview;
        } catch (RuntimeException e) {
            log.warn("preview of tool {} failed", tool.name(), e);
            return tool.name() + " " + AssistantJson.write(input);
        }
    }
}
