package dev.atom.ai;

import tools.jackson.databind.node.ObjectNode;

/**
 * The one way into AI for every part of Atom and for API clients. Requests and answers are OpenAI Chat
 * Completions / Embeddings JSON; {@code model} may be {@code provider/model}, a policy ({@code atom/cheapest},
 * {@code atom/fastest}, {@code atom/best}, {@code atom/balanced}), {@link #WORKSPACE_DEFAULT} (the workspace's own
 * ordered list, set by its admins), and {@code models: [...]} lists fallbacks in order. Only models the caller
 * holds keys for are used. Failures are {@link AiGatewayException}s.
 */
public interface AiGateway {

    /** The model name that stands for the workspace's default routing (what the workflow AI step uses). */
    String WORKSPACE_DEFAULT = "atom/default";

    /** Who is calling, in which workspace, from where (recorded on the ledger row with the request id). */
    record Caller(String workspaceId, String userId, CallSource source, String requestId) {}

    /** The answer ({@code body} is null for streams) and who gave it at what cost. */
    record Result(ObjectNode body, String model, String provider, String keyId, Usage usage, long costMicros) {}

    Result chat(Caller caller, ObjectNode request);

    /** Streams chunks to {@code sink}; returns once the stream ended, with the provider's final usage. */
    Result stream(Caller caller, ObjectNode request, ChatStreamSink sink);

    Result embeddings(Caller caller, ObjectNode request);
}
