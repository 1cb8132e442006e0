package dev.atom.ai.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.testing.TestUsers;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's per-key caches never outlive the key here, and a key's own base URL is checked by the SSRF
 * guard on every call, not only when the key was added.
 */
class GatewayCachesTest extends GatewayTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HELLO =
            "{\"model\":\"deepseek/deepseek-chat\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Autowired
    AiGateway gateway;

    @Autowired
    JdbcClient jdbc;

    private TestUsers.User ann;

    @BeforeEach
    void signUp() {
        ann = users().signUp("ann");
    }

    private AiGateway.Result call() {
        return gateway.chat(
                new AiGateway.Caller(ann.workspaceId(), ann.id(), CallSource.API_CLIENT, "req-" + UUID.randomUUID()),
                (ObjectNode) JSON.readTree(HELLO));
    }

    private String stubbedKey(String prefix) {
        provider.stubFor(post(urlPathMatching("/" + prefix + "/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(answer(prefix, 10, 5, 0))));
        return addKey(ann, "deepseek", prefix);
    }

    @Test
    void aDeletedKeyIsNoLongerUsedEvenThoughItsCredentialsWereCached() {
        String first = prefix("first");
        String firstId = stubbedKey(first);
        String secondId = stubbedKey(prefix("second"));
        assertThat(call().keyId()).isEqualTo(firstId);
        assertThat(call().keyId()).isEqualTo(firstId); // credentials now cached

        assertThat(users().as(ann).delete("/api/v1/ai/keys/" + firstId).status())
                .isEqualTo(204);

        assertThat(call().keyId()).isEqualTo(secondId);
        provider.verify(2, postRequestedFor(urlPathMatching("/" + first + "/v1/chat/completions")));
    }

    @Test
    void aKeyAddedAfterACallIsUsableAtOnce() {
        assertThatThrownBy(this::call).isInstanceOf(AiGatewayException.class); // no key yet (and that is cached)
        String id = stubbedKey(prefix("late"));
        assertThat(call().keyId()).isEqualTo(id);
    }

    @Test
    void aBaseUrlThatNowPointsSomewhereForbiddenIsRefusedAtCallTime() {
        String prefix = prefix("moved");
        String id = stubbedKey(prefix);
        // as if the key's host now resolved to the cloud metadata address (DNS changed after the key was added)
        jdbc.sql("UPDATE ai_keys SET base_url = :url WHERE id = :id")
                .param("url", "http://169.254.169.254/" + prefix + "/v1")
                .param("id", id)
                .update();

        assertThatThrownBy(this::call).isInstanceOfSatisfying(AiGatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.code()).isEqualTo("base_url_blocked");
            assertThat(e.getMessage()).contains("ATOM_HTTP_ALLOW_HOSTS").doesNotContain("169.254");
        });
        provider.verify(0, postRequestedFor(urlPathMatching("/" + prefix + "/v1/chat/completions")));

        var tested = users().as(ann).post("/api/v1/ai/keys/" + id + "/test", java.util.Map.of());
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().get("ok").asBoolean()).isFalse();
        assertThat(tested.json().get("error").get("code").asString()).isEqualTo("base_url_blocked");
    }
}
