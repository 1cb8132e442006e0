package dev.atom.tools;

import tools.jackson.databind.JsonNode;

/**
 * Something the assistant (or an MCP client) may call. Stateless and thread-safe; {@link #call} is made only for
 * callers the tool is {@link #availableTo available to}, with input already validated against {@link #inputSchema}.
 */
public interface Tool {

    /** {@code [a-z0-9_]{1,64}}, unique (OpenAI, Anthropic and Gemini all accept it), e.g. {@code tasks_create}. */
    String name();

    /**
     * Former names ({@code trello_add_card} after its action was renamed): {@link ToolCatalog#find} resolves them
     * to this tool, so a held approval or a model repeating an old name still reaches it. Not offered to models.
     */
    default java.util.List<String> aliases() {
        return java.util.List.of();
    }

    /** One or two sentences for the model: what it does, when to use it, what it returns. */
    String description();

    /** The input's JSON Schema (an object schema). */
    JsonNode inputSchema();

    /** The effect of most calls; see {@link #effectOf} for tools whose effect depends on the input. */
    Effect effect();

    /**
     * The effect of this call: e.g. creating an event is {@link Effect#OWN_WRITE} on the {@code local} calendar and
     * {@link Effect#EXTERNAL_WRITE} on a connected one. Defaults to {@link #effect()}.
     */
    default Effect effectOf(ToolContext context, JsonNode input) {
        return effect();
    }

    /** Whether it deletes or sends to other people: such a tool can be set to always ask, whatever is allowed. */
    default boolean destructive() {
        return false;
    }

    /** Whether this caller may use it at all (e.g. a connector action only with a connection they may use). */
    default boolean availableTo(ToolContext context) {
        return true;
    }

    /**
     * What the call would change, in one line a person can check at a glance ("creates an event on Work calendar,
     * Tue 10:00-10:45, invites dana@example.com"); shown before an {@link Effect#EXTERNAL_WRITE} runs. Reads only.
     */
    default String preview(ToolContext context, JsonNode input) {
        return name();
    }

    /** Runs it. Errors are {@link ToolResult.Failed} (fed back to the model), never exceptions for expected cases. */
    ToolResult call(ToolContext context, JsonNode input);

    /** What a call does to the world, which decides when it runs. */
    enum Effect {
        /** Reads only: runs at once. */
        READ,
        /** Writes the caller's own Atom data (their tasks, the local calendar): runs at once, with undo. */
        OWN_WRITE,
        /** Writes to another app or reaches other people: waits for approval unless the person always allows it. */
        EXTERNAL_WRITE
    }
}
