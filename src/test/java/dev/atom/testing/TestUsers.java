package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Signs up and logs in fresh users through the real identity API, each in a new workspace of their own or
 * invited into another one. Tests share one database, so every email is unique.
 */
public record TestUsers(Supplier<TestHttp> http) {
    public static final String PASSWORD = "correct horse battery staple";

    /** A signed-in user acting in {@code workspaceId}. */
    public record User(String id, String email, String workspaceId, String accessToken, String refreshToken) {}

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** A new user who owns a new workspace. */
    public User signUp(String who) {
        return signUp(who, null, null);
    }

    /** A new user invited with {@code role} into {@code inviter}'s workspace. */
    public User invite(String who, User inviter, String role) {
        return signUp(who, inviter, role);
    }

    /**
     * POST /api/v1/auth/signup with {@link #PASSWORD} and, unless it is null, an invitation token; the answer
     * unchecked, for tests of the sign-up itself.
     */
    public TestHttp.Response postSignUp(String email, String name, String inviteToken) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", PASSWORD, "name", name));
        if (inviteToken != null) {
            body.put("inviteToken", inviteToken);
        }
        return http.get().post("/api/v1/auth/signup", body);
    }

    private User signUp(String who, User inviter, String role) {
        String email = uniqueEmail(who);
        String inviteToken = null;
        if (inviter != null) {
            var invitation = as(inviter)
                    .post(
                            "/api/v1/workspaces/" + inviter.workspaceId() + "/invitations",
                            Map.of("email", email, "role", role));
            assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
            inviteToken = invitation.json().get("token").asString();
        }
        var signup = postSignUp(email, who, inviteToken);
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        JsonNode tokens = logIn(email);
        return new User(
                signup.json().get("user").get("id").asString(),
                email,
                signup.json().get("workspace").get("id").asString(),
                tokens.get("accessToken").asString(),
                tokens.get("refreshToken").asString());
    }

    /** Logs in with {@link #PASSWORD}; the answer holds accessToken and refreshToken. */
    public JsonNode logIn(String email) {
        var login = http.get().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json();
    }

    /** An HTTP client that sends the user's access token. */
    public TestHttp as(User user) {
        return http.get().bearer(user.accessToken());
    }
}
