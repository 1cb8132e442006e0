package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** Signs up and logs in fresh users through the real API (tests share one database, so emails are unique). */
record IdentityApi(Supplier<TestHttp> http) {
    static final String PASSWORD = "correct horse battery";

    record User(String id, String email, String workspaceId, String accessToken, String refreshToken) {}

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    User signUpAndLogIn(String who) {
        String email = uniqueEmail(who);
        var signup = http.get().post("/api/v1/auth/signup", Map.of("email", email, "password", PASSWORD, "name", who));
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        JsonNode tokens = logIn(email);
        return new User(
                signup.json().get("user").get("id").asString(),
                email,
                signup.json().get("workspace").get("id").asString(),
                tokens.get("accessToken").asString(),
                tokens.get("refreshToken").asString());
    }

    JsonNode logIn(String email) {
        var login = http.get().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json();
    }

    TestHttp as(User user) {
        return http.get().bearer(user.accessToken());
    }
}
