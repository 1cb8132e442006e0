package dev.atom.ai.providers;

import dev.atom.ai.ChatStreamSink;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One provider's wire format. Requests come in OpenAI Chat Completions / Embeddings form with {@code model}
 * already set to the provider's own model name; answers go back in OpenAI form (ids, choices, tool_calls,
 * finish_reason, usage with {@code prompt_tokens_details.cached_tokens}). Implementations are stateless,
 * thread-safe Spring beans, one per provider id ({@code openai}, {@code anthropic}, {@code gemini},
 * {@code deepseek}, {@code azure-openai}, {@code openai-compatible}).
 */
public interface ProviderAdapter {

    /** The provider id this adapter serves. */
    String provider();

    ChatResponse chat(ProviderCredentials credentials, ObjectNode request) throws ProviderException;

    /**
     * Streams the answer as OpenAI chunks to {@code sink} and returns how it ended. A failure before the first
     * chunk is thrown; after it, too (the gateway then must not switch models).
     */
    StreamOutcome stream(ProviderCredentials credentials, ObjectNode request, ChatStreamSink sink)
            throws ProviderException;

    /** OpenAI embeddings request in, OpenAI embeddings answer out (with usage). */
    ChatResponse embeddings(ProviderCredentials credentials, ObjectNode request) throws ProviderException;

    /** The models this key can use, as the provider names them (its /models listing). */
    List<String> listModels(ProviderCredentials credentials) throws ProviderException;
}
