package dev.atom.tools;

import tools.jackson.databind.JsonNode;

/** The outcome of a {@link Tool#call}: what goes back to the model, and how to undo it where that is possible. */
public sealed interface ToolResult {

    /**
     * Done. {@code output} goes to the model (trimmed by the caller when large); {@code summary} is one line for
     * people ("Created task “Call Dana”, due Tue 15:00"); {@code undo} reverses it, or null when it cannot be undone.
     */
    record Done(JsonNode output, String summary, Undo undo) implements ToolResult {}

    /** Refused or failed; {@code field} names the input field at fault, or null. Fed back to the model as data. */
    record Failed(String message, String field) implements ToolResult {}

    /** The call that reverses a done one: another tool (usually of the same module) with its input. */
    record Undo(String tool, JsonNode input, String summary) {}
}
