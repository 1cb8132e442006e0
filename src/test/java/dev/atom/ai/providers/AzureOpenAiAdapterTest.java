package dev.atom.ai.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI with the {@code api-key} header. The v1 API:
 * https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle ({resource}/openai/v1/...); the
 * classic deployments path: https://learn.microsoft.com/azure/ai-foundry/openai/reference
 * ({resource}/openai/deployments/{deployment}/chat/completions?api-version=...). Bodies are OpenAI's.
 */
class AzureOpenAiAdapterTest extends OpenAiProtocolContract {

    @Override
    ProviderAdapter adapter(ProviderHttp http) {
        return new AzureOpenAiAdapter(http);
    }

    @Override
    ProviderCredentials credentials(URI baseUrl) {
        return new ProviderCredentials("key-6", "azure-openai", KEY, baseUrl, null, null);
    }

    @Override
    String path(String endpoint) {
        return "/openai/v1/" + endpoint;
    }

    @Override
    void verifyAuth(LoggedRequest sent) {
        assertThat(sent.getHeader("api-key")).isEqualTo(KEY);
        assertThat(sent.containsHeader("Authorization")).isFalse();
    }

    @Test
    void baseUrlEndingInOpenAiV1_isAccepted() throws Exception {
        var adapter = (AzureOpenAiAdapter) this.adapter;
        var credentials = new ProviderCredentials(
                "key-6", "azure-openai", KEY, URI.create("https://res.openai.azure.com/openai/v1/"), null, null);
        assertThat(adapter.uri(credentials, "chat/completions"))
                .isEqualTo(URI.create("https://res.openai.azure.com/openai/v1/chat/completions"));
    }

    /** The same contract over the classic deployments path with an api-version. */
    @Nested
    class ClassicDeployment extends OpenAiProtocolContract {

        @Override
        ProviderAdapter adapter(ProviderHttp http) {
            return new AzureOpenAiAdapter(http);
        }

        @Override
        ProviderCredentials credentials(URI baseUrl) {
            return new ProviderCredentials("key-7", "azure-openai", KEY, baseUrl, "gpt-4o-mini-prod", "2024-10-21");
        }

        @Override
        String path(String endpoint) {
            return "/openai/deployments/gpt-4o-mini-prod/" + endpoint;
        }

        @Override
        MappingBuilder withQuery(MappingBuilder call) {
            return call.withQueryParam("api-version", equalTo("2024-10-21"));
        }

        @Override
        void verifyAuth(LoggedRequest sent) {
            assertThat(sent.getHeader("api-key")).isEqualTo(KEY);
        }

        @Override
        List<String> expectedModels() {
            return List.of("gpt-4o-mini-prod");
        }

        /** A classic key serves its one deployment: no call needed. */
        @Override
        @Test
        void listModels() throws Exception {
            assertThat(adapter.listModels(credentials())).containsExactly("gpt-4o-mini-prod");
            assertThat(wm.getAllServeEvents()).isEmpty();
        }
    }
}
