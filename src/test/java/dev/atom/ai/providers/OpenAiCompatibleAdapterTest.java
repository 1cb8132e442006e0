package dev.atom.ai.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-compatible server such as Ollama (https://github.com/ollama/ollama/blob/main/docs/openai.md):
 * the OpenAI wire format under the key's base URL, and no key at all.
 */
class OpenAiCompatibleAdapterTest extends OpenAiProtocolContract {

    @Override
    ProviderAdapter adapter(ProviderHttp http) {
        return new OpenAiCompatibleAdapter(http);
    }

    @Override
    ProviderCredentials credentials(URI baseUrl) {
        return new ProviderCredentials("key-3", "openai-compatible", KEY, baseUrl, null, null);
    }

    @Override
    String basePath() {
        return "/ollama/v1/";
    }

    @Override
    String path(String endpoint) {
        return "/ollama/v1/" + endpoint;
    }

    @Override
    void verifyAuth(LoggedRequest sent) {
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Override
    String modelsAnswer() {
        return """
                {"object":"list","data":[
                  {"id":"llama3.2:latest","object":"model","created":1723800000,"owned_by":"library"}]}""";
    }

    @Override
    List<String> expectedModels() {
        return List.of("llama3.2:latest");
    }

    @Test
    void withoutAKey_noAuthorizationHeaderIsSent() throws Exception {
        wm.stubFor(chatCall().willReturn(jsonAnswer(plainAnswer())));
        var keyless = new ProviderCredentials(
                "key-4", "openai-compatible", null, credentials().baseUrl(), null, null);

        adapter.chat(keyless, plainRequest());

        assertThat(onlyRequest().containsHeader("Authorization")).isFalse();
    }

    @Test
    void withoutABaseUrl_isABadRequest() {
        var nowhere = new ProviderCredentials("key-5", "openai-compatible", null, null, null, null);

        assertThatThrownBy(() -> adapter.chat(nowhere, plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Permanent.class,
                        e -> assertThat(e.code()).isEqualTo("bad_request"));
    }
}
