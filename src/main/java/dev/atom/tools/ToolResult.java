package dev.atom.tools;

import tools.jackson.databind.JsonNode;

/** The outcome of a {@link Tool#call}: what goes back to the model, and how to undo it where that is possible. */
public sealed interface ToolResult {

    /**
     * Done. {@code output} goes to the model (trimmed by the caller when large); {@code summary} is one line for
     * people ("Created task “Call Dana”, due Tue 15:00"); {@code undo} reverses it, or null when it cannot be undone;
     * {@code runId} is the workflow run that carried it out (a call reaching another app), or null.
     */
    record Done(JsonNode output, String summary, Undo undo, String runId) implements ToolResult {
        public Done(JsonNode output, String summary, Undo undo) {
            this(output, summary, undo, null);
        }
    }

    /**
     * Refused or failed; {@code field} names the input field at fault, or null; {@code runId} the run that failed,
     * or null. Fed back to the model as data.
     */
    record Failed(String message, String field, String runId) implements ToolResult {
        public Failed(String message, String field) {
            this(message, field, null);
        }
    }

    /**
     * The call that reverses a done one: another tool (usually of the same module) with its input. With {@code
     * tool} null, undoing means stopping the run ({@link Done#runId()}) that has not made its call yet (a mail or
     * message held for its send delay).
     */
    record Undo(String tool, JsonNode input, String summary) {}
}
