package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/audit with real sign-up and login: who may read it, what it shows, how it pages. */
class AuditApiTest extends AppTestBase {
    /** Signs users up with every request carrying {@code requestId}, so their audit entries can be told apart. */
    private TestUsers users(String requestId) {
        return new TestUsers(() -> http().header("X-Request-Id", requestId));
    }

    private TestUsers users() {
        return new TestUsers(this::http);
    }

    @Test
    void ownersSeeTheirWorkspacesSecurityEventsNewestFirstWithRequestIds() {
        User owner = users("owner-journey").signUp("owner");
        User stranger = users("stranger-journey").signUp("stranger");
        var token = users().as(owner).header("X-Request-Id", "token-1").post("/api/v1/tokens", Map.of("name", "t"));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);

        List<JsonNode> items = readAll(owner, 2);

        assertThat(items)
                .extracting(i -> i.get("type").asString())
                .containsExactly("token.created", "auth.login", "user.signup");
        assertThat(items.getFirst().get("requestId").asString()).isEqualTo("token-1");
        JsonNode login = items.get(1);
        assertThat(login.get("actorUserId").asString()).isEqualTo(owner.id());
        assertThat(login.get("requestId").asString()).isEqualTo("owner-journey");
        assertThat(login.get("ip").asString()).isNotBlank();
        assertThat(login.get("createdAt").asString()).endsWith("Z");
        assertThat(items.get(2).get("detail").get("email").asString()).isEqualTo(owner.email());
        assertThat(items.get(2).get("requestId").asString()).isEqualTo("owner-journey");
        assertThat(items.toString())
                .doesNotContain(stranger.id(), stranger.email(), "stranger-journey", TestUsers.PASSWORD);
    }

    @Test
    void pagesWithACursorUntilTheLastPage() {
        User owner = users().signUp("pager");
        for (int i = 0; i < 3; i++) {
            assertThat(http().bearer(owner.accessToken())
                            .post("/api/v1/tokens", Map.of("name", "t" + i))
                            .status())
                    .isEqualTo(201);
        }

        var first = http().bearer(owner.accessToken()).get("/api/v1/audit?limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(2);
        String cursor = first.json().get("nextCursor").asString();
        var second = http().bearer(owner.accessToken()).get("/api/v1/audit?limit=2&cursor=" + cursor);
        var last = http().bearer(owner.accessToken())
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
        User owner = users().signUp("boss");
        User member = users().invite("member", owner, "member");
        assertThat(member.workspaceId()).isEqualTo(owner.workspaceId());

        var forbidden = http().bearer(member.accessToken()).get("/api/v1/audit");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(forbidden.json().get("requestId").asString()).isEqualTo(forbidden.header("X-Request-Id"));

        var promote = http().bearer(owner.accessToken())
                .patch(
                        "/api/v1/workspaces/" + owner.workspaceId() + "/members/" + member.id(),
                        Map.of("role", "admin"));
        assertThat(promote.status()).as(promote.toString()).isBetween(200, 204);
        String adminToken = users().logIn(member.email()).get("accessToken").asString();
        var allowed = http().bearer(adminToken).get("/api/v1/audit?limit=200");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.json().get("items").toString()).contains(member.id(), owner.id());
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        User owner = users().signUp("params");

        assertThat(field(http().bearer(owner.accessToken()).get("/api/v1/audit?limit=0")))
                .isEqualTo("limit");
        assertThat(field(http().bearer(owner.accessToken()).get("/api/v1/audit?limit=201")))
                .isEqualTo("limit");
        assertThat(field(http().bearer(owner.accessToken()).get("/api/v1/audit?limit=ten")))
                .isEqualTo("limit");
        assertThat(field(http().bearer(owner.accessToken()).get("/api/v1/audit?cursor=bm90LWEtY3Vyc29y")))
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
            var response = http().bearer(user.accessToken())
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
}
