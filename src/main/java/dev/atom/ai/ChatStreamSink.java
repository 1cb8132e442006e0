package dev.atom.ai;

import tools.jackson.databind.node.ObjectNode;

/**
 * Receives a streamed answer as OpenAI {@code chat.completion.chunk} objects, in order. The first call means
 * content reached the client: from then on the gateway never switches to another model for this answer.
 */
@FunctionalInterface
public interface ChatStreamSink {
    void chunk(ObjectNode chunk);
}
