package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Signs up users through the real identity API, each in a new workspace or invited into an existing one. */
record ApiUsers(Supplier<TestHttp> http) {
    static final String PASSWORD = "correct horse battery staple";

    record User(String id, String workspaceId, String token) {}

    User signUp(String who) {
        return signUp(who, null);
    }

    /** A new user in {@code inviter}'s workspace (when not null) or in a new one of their own. */
    User signUp(String who, User inviter) {
        String email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", PASSWORD, "name", who));
        if (inviter != null) {
            var invitation = as(inviter)
                    .post(
                            "/api/v1/workspaces/" + inviter.workspaceId() + "/invitations",
                            Map.of("email", email, "role", "member"));
            assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
            body.put("inviteToken", invitation.json().get("token").asString());
        }
        var signup = http.get().post("/api/v1/auth/signup", body);
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        var login = http.get().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new User(
                signup.json().get("user").get("id").asString(),
                signup.json().get("workspace").get("id").asString(),
                login.json().get("accessToken").asString());
    }

    TestHttp as(User user) {
        return http.get().bearer(user.token());
    }
}
