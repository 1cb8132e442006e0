package dev.atom.ai.gateway;

import dev.atom.ai.ChatStreamSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wraps the client's sink to know whether content already reached the client (then the gateway must never
 * switch models), when the first chunk came, and what text the answer had (for the usage estimate when the
 * provider reports none). Used by one stream on one thread at a time.
 */
final class TrackingSink implements ChatStreamSink {
    private final ChatStreamSink target;
    private final long startNanos;
    private volatile long firstChunkNanos = -1;
    private final StringBuilder text = new StringBuilder();

    TrackingSink(ChatStreamSink target, long startNanos) {
        this.target = target;
        this.startNanos = startNanos;
    }

    @Override
    public void chunk(ObjectNode chunk) {
        if (firstChunkNanos < 0) {
            firstChunkNanos = System.nanoTime();
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.path("content").isString()) {
                text.append(delta.path("content").asString());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                JsonNode function = call.path("function");
                if (function.path("name").isString()) {
                    text.append(function.path("name").asString());
                }
                if (function.path("arguments").isString()) {
                    text.append(function.path("arguments").asString());
                }
            }
        }
        target.chunk(chunk);
    }

    boolean delivered() {
        return firstChunkNanos >= 0;
    }

    /** Milliseconds from the call's start to the first chunk, or null when none came. */
    Long ttftMs() {
        return firstChunkNanos < 0 ? null : (firstChunkNanos - startNanos) / 1_000_000;
    }

    String text() {
        return text.toString();
    }
}
