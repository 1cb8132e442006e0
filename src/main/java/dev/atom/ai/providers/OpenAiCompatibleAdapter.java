package dev.atom.ai.providers;

import dev.atom.ai.Usage;
import java.net.URI;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any server speaking the OpenAI protocol (Ollama, vLLM, LM Studio, OpenRouter, Together...). The key's base
 * URL is required and includes the version path (e.g. {@code http://localhost:11434/v1}); the key itself is
 * optional (local servers need none). Cached tokens are read in OpenAI's or DeepSeek's shape.
 */
@Component
class OpenAiCompatibleAdapter extends OpenAiProtocolAdapter {

    OpenAiCompatibleAdapter(ProviderHttp http) {
        super(http);
    }

    @Override
    public String provider() {
        return "openai-compatible";
    }

    @Override
    protected URI uri(ProviderCredentials credentials, String endpoint) throws ProviderException {
        return URI.create(base(credentials, null) + "/" + endpoint);
    }

    @Override
    protected Usage usage(ObjectNode usage) {
        return DeepSeekAdapter.cacheHitsAsCachedTokens(usage);
    }
}
