package dev.atom.ai.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;

/**
 * DeepSeek: the OpenAI protocol at https://api.deepseek.com (https://api-docs.deepseek.com/api/create-chat-completion),
 * cache hits in {@code prompt_cache_hit_tokens} (https://api-docs.deepseek.com/guides/kv_cache), models at
 * GET /models (https://api-docs.deepseek.com/api/list-models), and no embeddings API.
 */
class DeepSeekAdapterTest extends OpenAiProtocolContract {

    @Override
    ProviderAdapter adapter(ProviderHttp http) {
        return new DeepSeekAdapter(http);
    }

    @Override
    ProviderCredentials credentials(URI baseUrl) {
        return new ProviderCredentials("key-2", "deepseek", KEY, baseUrl, null, null);
    }

    @Override
    String path(String endpoint) {
        return "/" + endpoint;
    }

    @Override
    void verifyAuth(LoggedRequest sent) {
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    // https://api-docs.deepseek.com/api/create-chat-completion (usage object)
    @Override
    String usageJson(long prompt, long completion, long cached) {
        return """
                {"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                 "prompt_cache_hit_tokens":%d,"prompt_cache_miss_tokens":%d}""".formatted(prompt, completion, prompt + completion, cached, prompt - cached);
    }

    @Override
    MappingBuilder embeddingsCall() {
        return null;
    }

    @Override
    String modelsAnswer() {
        return """
                {"object":"list","data":[
                  {"id":"deepseek-chat","object":"model","owned_by":"deepseek"},
                  {"id":"deepseek-reasoner","object":"model","owned_by":"deepseek"}]}""";
    }

    @Override
    List<String> expectedModels() {
        return List.of("deepseek-chat", "deepseek-reasoner");
    }
}
