package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/audit with real sign-up and login: who may read it, what it shows, how it pages. */
class AuditApiTest extends AppTestBase {
    private static final String PASSWORD = "correct horse battery";

    record User(String id, String email, String workspaceId, String token) {}

    @Test
    void ownersSeeTheirWorkspacesSecurityEventsNewestFirstWithRequestIds() {
        User owner = signUp("owner", null, null);
        User stranger = signUp("stranger", null, null);

        List<JsonNode> items = readAll(owner, 2);

        assertThat(items).extracting(i -> i.get("type").asString()).containsExactly("auth.login", "user.signup");
        JsonNode login = items.getFirst();
        assertThat(login.get("actorUserId").asString()).isEqualTo(owner.id());
        assertThat(login.get("requestId").asString())
                .isEqualTo("login-" + owner.email().hashCode());
        assertThat(login.get("ip").asString()).isNotBlank();
        assertThat(login.get("createdAt").asString()).endsWith("Z");
        assertThat(items.get(1).get("detail").get("email").asString()).isEqualTo(owner.email());
        assertThat(items.toString()).doesNotContain(stranger.id(), stranger.email(), PASSWORD);
    }

    @Test
    void pagesWithACursorUntilTheLastPage() {
        User owner = signUp("pager", null, null);
        for (int i = 0; i < 3; i++) {
            assertThat(http().bearer(owner.token())
                            .post("/api/v1/tokens", Map.of("name", "t" + i))
                            .status())
                    .isEqualTo(201);
        }

        var first = http().bearer(owner.token()).get("/api/v1/audit?limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(2);
        String cursor = first.json().get("nextCursor").asString();
        var second = http().bearer(owner.token()).get("/api/v1/audit?limit=2&cursor=" + cursor);
        var last = http().bearer(owner.token())
                .get("/api/v1/audit?limit=2&cursor="
                        + second.json().get("nextCursor").asString());

        assertThat(last.json().get("items")).hasSize(1);
        assertThat(last.json().get("nextCursor").isNull()).isTrue();
        assertThat(readAll(owner, 50))
                .extracting(i -> i.get("type").asString())
                .containsExactly("token.created", "token.created", "token.created", "auth.login", "user.signup");
    }

    @Test
    void membersAreForbiddenAndAdminsAllowed() {
        User owner = signUp("boss", null, null);
        var invite = http().bearer(owner.token())
                .post(
                        "/api/v1/workspaces/" + owner.workspaceId() + "/invitations",
                        Map.of("email", uniqueEmail("member"), "role", "member"));
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        User member = signUp(
                "member",
                invite.json().get("email").asString(),
                invite.json().get("token").asString());
        assertThat(member.workspaceId()).isEqualTo(owner.workspaceId());

        var forbidden = http().bearer(member.token()).get("/api/v1/audit");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(forbidden.json().get("requestId").asString()).isEqualTo(forbidden.header("X-Request-Id"));

        var promote = http().bearer(owner.token())
                .patch(
                        "/api/v1/workspaces/" + owner.workspaceId() + "/members/" + member.id(),
                        Map.of("role", "admin"));
        assertThat(promote.status()).as(promote.toString()).isBetween(200, 204);
        String adminToken = logIn(member.email(), "relogin");
        var allowed = http().bearer(adminToken).get("/api/v1/audit?limit=200");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.json().get("items").toString()).contains(member.id(), owner.id());
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        User owner = signUp("params", null, null);

        assertThat(field(http().bearer(owner.token()).get("/api/v1/audit?limit=0")))
                .isEqualTo("limit");
        assertThat(field(http().bearer(owner.token()).get("/api/v1/audit?limit=201")))
                .isEqualTo("limit");
        assertThat(field(http().bearer(owner.token()).get("/api/v1/audit?limit=ten")))
                .isEqualTo("limit");
        assertThat(field(http().bearer(owner.token()).get("/api/v1/audit?cursor=bm90LWEtY3Vyc29y")))
                .isEqualTo("cursor");
    }

    @Test
    void strangersGetA401ProblemWithTheRequestId() {
        var response = http().header("X-Request-Id", "anon-1").get("/api/v1/audit");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("X-Request-Id")).isEqualTo("anon-1");
        assertThat(response.json().get("requestId").asString()).isEqualTo("anon-1");
    }

    private static String field(TestHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        return response.json().get("errors").get(0).get("field").asString();
    }

    private List<JsonNode> readAll(User user, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            var response = http().bearer(user.token())
                    .get("/api/v1/audit?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            response.json().get("items").forEach(items::add);
            JsonNode next = response.json().get("nextCursor");
            if (next.isNull()) {
                return items;
            }
            cursor = next.asString();
        }
        throw new AssertionError("more than 20 pages");
    }

    private User signUp(String who, String email, String inviteToken) {
        String address = email == null ? uniqueEmail(who) : email;
        Map<String, String> body = inviteToken == null
                ? Map.of("email", address, "password", PASSWORD, "name", who)
                : Map.of("email", address, "password", PASSWORD, "name", who, "inviteToken", inviteToken);
        var signup = http().post("/api/v1/auth/signup", body);
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        return new User(
                signup.json().get("user").get("id").asString(),
                address,
                signup.json().get("workspace").get("id").asString(),
                logIn(address, "login-" + address.hashCode()));
    }

    private String logIn(String email, String requestId) {
        var login = http().header("X-Request-Id", requestId)
                .post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("accessToken").asString();
    }

    private static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }
}
