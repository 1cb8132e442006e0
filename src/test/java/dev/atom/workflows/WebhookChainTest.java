package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks have their own lean security chain: no sign-in needed, a stray bearer header is ignored (the URL's
 * token is the credential), security headers stay, and the API next door still demands a token.
 */
class WebhookChainTest extends AppTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theHookIsPublicKeepsSecurityHeadersAndTheApiStaysProtected() {
        var users = new TestUsers(this::http);
        TestHttp api = users.as(users.signUp("hooker"));
        var created = api.post("/api/v1/workflows", Map.of("definition", JSON.readTree(IssueExamplesTest.ECHO)));
        String id = created.json().get("id").asString();
        assertThat(api.post("/api/v1/workflows/" + id + "/publish", Map.of()).status())
                .isEqualTo(200);
        String hook = new WorkflowTestSupport(api).webhookPath(id);

        var anonymous = http().post(hook, Map.of("msg", "hi", "n", 1));
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(200);
        assertThat(anonymous.json().get("size").asString()).isEqualTo("small");
        assertThat(anonymous.header("X-Content-Type-Options")).isEqualTo("nosniff");

        var strayBearer = http().bearer("not-a-token").post(hook, Map.of("msg", "hi", "n", 42));
        assertThat(strayBearer.status()).as(strayBearer.toString()).isEqualTo(200);

        assertThat(http().get("/api/v1/workflows").status()).isEqualTo(401);
        assertThat(http().post("/api/v1/hooks/no-such-token", Map.of()).status())
                .isEqualTo(404);
    }
}
