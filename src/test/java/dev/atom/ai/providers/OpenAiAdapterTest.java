package dev.atom.ai.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTest extends OpenAiProtocolContract {

    @Override
    ProviderAdapter adapter(ProviderHttp http) {
        return new OpenAiAdapter(http);
    }

    @Override
    ProviderCredentials credentials(URI baseUrl) {
        return new ProviderCredentials("key-1", "openai", KEY, baseUrl, null, null);
    }

    @Override
    String basePath() {
        return "/v1";
    }

    @Override
    String path(String endpoint) {
        return "/v1/" + endpoint;
    }

    @Override
    void verifyAuth(LoggedRequest sent) {
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    // https://platform.openai.com/docs/guides/error-codes: "You exceeded your current quota" is a 429 that
    // waiting does not fix.
    @Test
    void insufficientQuota_isPermanent() {
        wm.stubFor(chatCall().willReturn(errorAnswer(429, """
                {"error":{"message":"You exceeded your current quota, please check your plan and billing details.",
                 "type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.Permanent.class, e -> {
                    assertThat(e.code()).isEqualTo("insufficient_quota");
                    assertThat(e.status()).isEqualTo(429);
                });
    }

    @Test
    void officialBaseUrl_isTheDefault() throws Exception {
        var adapter = (OpenAiAdapter) this.adapter;
        var credentials = new ProviderCredentials("key-1", "openai", KEY, null, null, null);
        assertThat(adapter.uri(credentials, "chat/completions"))
                .isEqualTo(URI.create("https://api.openai.com/v1/chat/completions"));
    }
}
