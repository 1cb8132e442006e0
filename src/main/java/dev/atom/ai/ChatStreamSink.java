package dev.atom.ai;

import tools.jackson.databind.node.ObjectNode;

/**
 * Receives a streamed answer as OpenAI {@code chat.completion.chunk} objects, in order. The first call means
 * content reached the client: from then on the gateway never switches to another model for this answer.
 */
@FunctionalInterface
public interface ChatStreamSink {
    void chunk(ObjectNode chunk);

    /**
     * Called by the gateway before the first chunk of each attempt, with the model ({@code provider/model}) and
     * provider it is about to stream from, so the OpenAI face can send {@code x-atom-model} and
     * {@code x-atom-provider} with the response headers. May be called again (failover) until the first chunk.
     */
    default void started(String model, String provider) {}
}
