package dev.atom.ai.providers;

import dev.atom.ai.Usage;
import java.net.URI;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * DeepSeek speaks the OpenAI protocol at https://api.deepseek.com
 * (https://api-docs.deepseek.com/api/create-chat-completion); its cache hits come as
 * {@code usage.prompt_cache_hit_tokens} (https://api-docs.deepseek.com/guides/kv_cache), which we also copy
 * to OpenAI's {@code prompt_tokens_details.cached_tokens}.
 */
@Component
class DeepSeekAdapter extends OpenAiProtocolAdapter {
    static final String BASE_URL = "https://api.deepseek.com";

    DeepSeekAdapter(ProviderHttp http) {
        super(http);
    }

    @Override
    public String provider() {
        return "deepseek";
    }

    @Override
    protected URI uri(ProviderCredentials credentials, String endpoint) throws ProviderException {
        return URI.create(base(credentials, BASE_URL) + "/" + endpoint);
    }

    /** DeepSeek has no embeddings API; say so without a call. */
    @Override
    public ChatResponse embeddings(ProviderCredentials credentials, ObjectNode request) throws ProviderException {
        throw new ProviderException.Permanent(400, "bad_request", "deepseek has no embeddings API", null);
    }

    @Override
    protected Usage usage(ObjectNode usage) {
        return cacheHitsAsCachedTokens(usage);
    }

    /** Copies {@code prompt_cache_hit_tokens} to {@code prompt_tokens_details.cached_tokens} when only it is set. */
    static Usage cacheHitsAsCachedTokens(ObjectNode usage) {
        long cached = Json.number(usage.path("prompt_tokens_details"), "cached_tokens");
        if (cached == 0 && usage.hasNonNull("prompt_cache_hit_tokens")) {
            cached = Json.number(usage, "prompt_cache_hit_tokens");
            usage.withObject("prompt_tokens_details").put("cached_tokens", cached);
        }
        return new Usage(Json.number(usage, "prompt_tokens"), Json.number(usage, "completion_tokens"), cached);
    }
}
