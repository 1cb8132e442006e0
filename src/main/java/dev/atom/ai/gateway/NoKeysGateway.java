package dev.atom.ai.gateway;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.ChatStreamSink;
import tools.jackson.databind.node.ObjectNode;

/** The gateway of a build without the keys module or model catalog: every call is 503. */
final class NoKeysGateway implements AiGateway {

    @Override
    public Result chat(Caller caller, ObjectNode request) {
        throw unavailable();
    }

    @Override
    public Result stream(Caller caller, ObjectNode request, ChatStreamSink sink) {
        throw unavailable();
    }

    @Override
    public Result embeddings(Caller caller, ObjectNode request) {
        throw unavailable();
    }

    private static AiGatewayException unavailable() {
        return new AiGatewayException(
                503, "api_error", "ai_not_configured", "This Atom build has no AI key store or model catalog.");
    }
}
