package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unknown routes and broken requests answer problem+json with the request id, never a stack trace. */
class ErrorsTest extends AppTestBase {

    private String token() {
        return new TestUsers(this::http).signUp("errors").accessToken();
    }

    @Test
    void unknownApiRouteIsA404Problem() {
        var response = http().bearer(token()).header("X-Request-Id", "nope-1").get("/api/v1/nope");

        assertProblem(response, 404, "nope-1");
    }

    @Test
    void malformedJsonBodyIsA400Problem() {
        var response =
                http().bearer(token()).header("X-Request-Id", "bad-json-1").post("/api/v1/tokens", "{\"name\": ");

        assertProblem(response, 400, "bad-json-1");
        assertThat(response.json().get("type").asString()).endsWith("/malformed");
    }

    @Test
    void wrongMethodIsA405Problem() {
        var response = http().bearer(token()).header("X-Request-Id", "method-1").put("/api/v1/audit", Map.of());

        assertProblem(response, 405, "method-1");
    }

    private static void assertProblem(TestHttp.Response response, int status, String requestId) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("requestId").asString()).isEqualTo(requestId);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "Whitelabel", "trace");
    }
}
