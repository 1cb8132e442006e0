package dev.atom.connectors;

/**
 * One thing a connector can do. Input and output are records: their JSON Schemas ({@link JsonSchemas}) are
 * the single source for validation, UI forms, LLM tool definitions and docs. Stateless and thread-safe.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public interface Action<I extends Record, O extends Record> {

    /** {@code <connector>.<verb_noun>}, e.g. {@code slack.post_message}. */
    String id();

    String name();

    /**
     * Former ids of this action ({@code trello.add_card} after a rename to {@code trello.create_card}): the
     * registry, the catalog, direct calls, workflow definitions and the assistant's tools resolve each to this
     * action, so definitions saved under an old id keep running. Same form as {@link #id()}, same connector.
     */
    default java.util.List<String> aliases() {
        return java.util.List.of();
    }

    String description();

    Class<I> inputType();

    Class<O> outputType();

    /** Whether it changes something at the service (a read-only action can be retried freely). */
    boolean writes();

    /** How a retry is made safe. */
    Idempotency idempotency();

    /**
     * Whether it sends something to other people (a mail, a chat message): such calls cannot be taken back, so
     * the assistant holds them for its send delay, during which they can be stopped.
     */
    default boolean reachesPeople() {
        return false;
    }

    /**
     * Runs the action. Throws {@link ConnectorException}s: retriable (429, 5xx, timeouts), permanent (the
     * service refused), needs-reconnect (the credentials no longer work) or invalid input (a field named).
     */
    O execute(ActionContext context, I input);

    /** How an action is made safe to retry. */
    enum Idempotency {
        /** Reads, or writes that are idempotent by nature (PUT a whole resource, set a label). */
        NATURAL,
        /** The caller's {@link ActionContext#idempotencyKey()} is passed to the service, which de-duplicates. */
        KEY,
        /** A retry may repeat the effect (an e-mail sent twice): the engine retries only on errors before sending. */
        NONE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
