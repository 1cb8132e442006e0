package dev.atom.assistant.internal;

import tools.jackson.databind.node.ObjectNode;

/**
 * What a turn reports while it runs: streamed text, tool calls starting and finishing, actions (waiting or
 * done). {@link #NONE} for a plain JSON turn, {@link SseTurnEvents} for {@code text/event-stream}.
 */
interface TurnEvents {
    TurnEvents NONE = new TurnEvents() {};

    /** True when the model's answer should be streamed (so {@link #delta} is worth calling). */
    default boolean streaming() {
        return false;
    }

    default void delta(String text) {}

    default void tool(ObjectNode event) {}

    default void action(ObjectNode action) {}
}
