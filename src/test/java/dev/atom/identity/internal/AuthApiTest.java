package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthApiTest extends AppTestBase {

    private TestUsers api() {
        return new TestUsers(this::http);
    }

    @Test
    void signupCreatesTheUserAndAWorkspaceTheyOwn() {
        String email = TestUsers.uniqueEmail("dana");
        var response = api().postSignUp("  " + email.toUpperCase() + " ", "Dana", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var json = response.json();
        assertThat(json.get("user").get("email").asString()).isEqualTo(email);
        assertThat(json.get("user").get("name").asString()).isEqualTo("Dana");
        assertThat(json.get("user").get("id").asString()).isNotBlank();
        assertThat(json.get("workspace").get("id").asString()).isNotBlank();
        assertThat(json.get("workspace").get("role").asString()).isEqualTo("owner");
        assertThat(json.toString()).doesNotContain("password");
    }

    @Test
    void signupNamesEveryBadFieldAndRejectsATakenEmail() {
        var bad = http().post("/api/v1/auth/signup", Map.of("email", "nope", "password", "short", "name", " "));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("email", "password", "name");

        var user = api().signUp("erin");
        var again = api().postSignUp(user.email(), "Erin", null);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void loginGivesBearerTokensThatWorkOnTheApi() {
        var user = api().signUp("finn");
        var login = api().logIn(user.email());
        assertThat(login.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(login.get("refreshToken").asString()).hasSizeGreaterThanOrEqualTo(43);

        var me = api().as(user).get("/api/v1/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("user").get("email").asString()).isEqualTo(user.email());
        assertThat(me.json().get("workspace").get("id").asString()).isEqualTo(user.workspaceId());
        assertThat(me.json().get("role").asString()).isEqualTo("owner");
        assertThat(me.json().get("workspaces").size()).isEqualTo(1);

        var anonymous = http().get("/api/v1/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        var user = api().signUp("gus");
        // the same request id on both, so the bodies may differ only in what a prober could learn from
        var wrongPassword = http().header("X-Request-Id", "same-id")
                .post("/api/v1/auth/login", Map.of("email", user.email(), "password", "not the password"));
        var unknownEmail = http().header("X-Request-Id", "same-id")
                .post(
                        "/api/v1/auth/login",
                        Map.of("email", TestUsers.uniqueEmail("nobody"), "password", "not the password"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeFamily() {
        var user = api().signUp("hana");
        var first = http().post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String second = first.json().get("refreshToken").asString();
        assertThat(second).isNotEqualTo(user.refreshToken());
        assertThat(http().bearer(first.json().get("accessToken").asString())
                        .get("/api/v1/me")
                        .status())
                .isEqualTo(200);

        var reuse = http().post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()));
        assertThat(reuse.status()).isEqualTo(401);
        // The thief's or the user's newer token is dead too: the family is revoked.
        var afterReuse = http().post("/api/v1/auth/refresh", Map.of("refreshToken", second));
        assertThat(afterReuse.status()).isEqualTo(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        var user = api().signUp("ivan");
        var logout = http().post("/api/v1/auth/logout", Map.of("refreshToken", user.refreshToken()));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(http().post("/api/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                        .status())
                .isEqualTo(401);

        // With a bearer and no body, every refresh token of the caller is revoked.
        var tokens = api().logIn(user.email());
        var bearerLogout = http().bearer(user.accessToken()).post("/api/v1/auth/logout", null);
        assertThat(bearerLogout.status()).isEqualTo(204);
        assertThat(http().post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refreshToken",
                                        tokens.get("refreshToken").asString()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void repeatedFailuresLockTheEmailWithRetryAfter() {
        var user = api().signUp("jo");
        for (int i = 0; i < 5; i++) {
            var failed = http().post("/api/v1/auth/login", Map.of("email", user.email(), "password", "wrong" + i));
            assertThat(failed.status()).isEqualTo(401);
        }
        var locked = http().post("/api/v1/auth/login", Map.of("email", user.email(), "password", TestUsers.PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(locked.header("Content-Type")).startsWith("application/problem+json");
    }
}
