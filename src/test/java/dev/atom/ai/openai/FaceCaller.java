package dev.atom.ai.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A fresh user in a workspace of their own, with a personal API token (what OpenAI clients send) and AI keys
 * added through the keys API, pointing at the {@link ProviderStub}.
 */
record FaceCaller(Supplier<TestHttp> http, TestUsers.User user, String token) {

    static FaceCaller signUp(Supplier<TestHttp> http, String who) {
        TestUsers users = new TestUsers(http);
        TestUsers.User user = users.signUp(who);
        var created = users.as(user).post("/api/v1/tokens", Map.of("name", who + "-client"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new FaceCaller(http, user, created.json().get("token").asString());
    }

    /** Adds a key; returns its id. {@code name} is null for keys named after their provider. */
    String addKey(String provider, String name, String baseUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("provider", provider);
        body.put("apiKey", "sk-stub-" + "0123456789abcdef0123456789abcdef");
        body.put("baseUrl", baseUrl);
        body.put("scope", "user");
        if (name != null) {
            body.put("name", name);
        }
        var key = http.get().bearer(user.accessToken()).post("/api/v1/ai/keys", body);
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return key.json().get("id").asString();
    }

    /** Requests as an OpenAI client would send them: the personal token as the bearer. */
    TestHttp client() {
        return http.get().bearer(token);
    }
}
