package dev.atom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.secrets.SecretStore;
import dev.atom.testing.PostgresAppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One user's whole journey over the API with Atom on PostgreSQL (ATOM_DB_URL), schema from the migrations:
 * accounts and tokens, a team, tasks, the audit log, and no secret stored in the clear anywhere in the
 * database.
 */
class PostgresJourneyTest extends PostgresAppTestBase {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretStore secrets;

    private final TestUsers users = new TestUsers(this::http);

    @Test
    void theWholeJourneyWorksOnPostgresql() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        List<String> plaintexts = new ArrayList<>(List.of(TestUsers.PASSWORD));

        // sign up, log in, refresh (rotated: the old refresh token is spent)
        User owner = users.signUp("owner");
        var refreshed = http().post("/api/v1/auth/refresh", Map.of("refreshToken", owner.refreshToken()));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String access = refreshed.json().get("accessToken").asString();
        String refresh = refreshed.json().get("refreshToken").asString();
        assertThat(refresh).isNotEqualTo(owner.refreshToken());
        assertThat(http().bearer(access).get("/api/v1/me").status()).isEqualTo(200);
        plaintexts.addAll(List.of(owner.refreshToken(), refresh));

        // a personal API token works on the API, is listed without its secret, and stops working when deleted
        var created = http().bearer(access).post("/api/v1/tokens", Map.of("name", "script"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String personal = created.json().get("token").asString();
        plaintexts.add(personal);
        assertThat(http().bearer(personal).get("/api/v1/tasks").status()).isEqualTo(200);
        assertThat(http().bearer(access).get("/api/v1/tokens").body())
                .contains("script")
                .doesNotContain(personal);

        // a member joins through an invitation and shares the workspace's tasks, but not its audit log
        var invitation = http().bearer(access)
                .post(
                        "/api/v1/workspaces/" + owner.workspaceId() + "/invitations",
                        Map.of("email", TestUsers.uniqueEmail("pending"), "role", "admin"));
        assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
        plaintexts.add(invitation.json().get("token").asString());
        User member = users.invite("member", owner, "member");
        assertThat(member.workspaceId()).isEqualTo(owner.workspaceId());
        var members = http().bearer(access).get("/api/v1/workspaces/" + owner.workspaceId() + "/members");
        assertThat(members.json().findValuesAsString("email")).containsExactly(owner.email(), member.email());
        TestHttp asMember = users.as(member);
        assertThat(asMember.get("/api/v1/audit").status()).isEqualTo(403);

        // tasks: create, filter, sort, paginate, patch, delete
        TestHttp api = http().bearer(access);
        String milk = create(api, "Buy milk", "todo", "2026-11-20T10:00:00+01:00", "home");
        String bug = create(api, "Fix login bug", "doing", "2026-11-22T10:00:00Z", "work");
        String ship = create(api, "Ship release", "todo", null, "work");
        String plan = create(asMember, "Plan holiday", "todo", null, "home");
        assertThat(titles(api, "?tag=work")).containsExactlyInAnyOrder("Fix login bug", "Ship release");
        assertThat(titles(api, "?status=doing")).containsExactly("Fix login bug");
        assertThat(titles(api, "?q=MILK")).containsExactly("Buy milk");
        assertThat(titles(api, "?dueBefore=2026-11-21T00:00:00Z")).containsExactly("Buy milk");
        assertThat(titles(api, "?sort=title"))
                .containsExactly("Buy milk", "Fix login bug", "Plan holiday", "Ship release");
        assertThat(titles(api, "?sort=-due")).startsWith("Fix login bug", "Buy milk");
        assertThat(pagedTitles(api, "title", 3))
                .containsExactly("Buy milk", "Fix login bug", "Plan holiday", "Ship release");

        var done = api.patch("/api/v1/tasks/" + bug, Map.of("status", "done"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("completedAt").isNull()).isFalse();
        assertThat(titles(asMember, "?status=done")).containsExactly("Fix login bug");
        assertThat(api.delete("/api/v1/tasks/" + ship).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tasks/" + ship).status()).isEqualTo(404);
        var left = api.get("/api/v1/tasks").json().get("items").findValuesAsString("id");
        assertThat(left).containsExactlyInAnyOrder(milk, bug, plan);

        // the personal token is revoked
        String tokenId = created.json().get("id").asString();
        assertThat(api.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(http().bearer(personal).get("/api/v1/tasks").status()).isEqualTo(401);

        // the audit log, newest first, holds the journey's security events
        var audit = api.get("/api/v1/audit?limit=200");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        List<String> types = audit.json().get("items").findValuesAsString("type");
        assertThat(types)
                .contains("user.signup", "auth.login", "token.created", "token.revoked", "member.invited")
                .endsWith("auth.login", "user.signup");
        assertThat(types.getFirst()).isEqualTo("token.revoked");

        // no secret is stored in the clear: not the JWT signing key, not a stored secret, not a token
        String canary = "pg-canary-" + UUID.randomUUID();
        secrets.put(owner.workspaceId(), "journey", "canary", canary);
        plaintexts.add(canary);
        String signingKeyId = jdbc.sql(
                        "SELECT id FROM secrets WHERE owner = 'identity' AND purpose = 'jwt-signing-key'")
                .query(String.class)
                .single();
        String signingKey = secrets.get(signingKeyId, SecretStore.SYSTEM, "identity", "jwt-signing-key")
                .orElseThrow();
        plaintexts.add(signingKey);
        plaintexts.add(Base64.getEncoder().encodeToString(canary.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String secretsTable = dump("secrets");
        assertThat(secretsTable).contains(signingKeyId, "journey");
        String everything = dumpAllTables();
        assertThat(everything).as("the dump holds the rows").contains(owner.email(), member.id(), "Plan holiday");
        plaintexts.forEach(plain -> assertThat(everything).doesNotContain(plain));
    }

    private static String create(TestHttp api, String title, String status, String due, String tag) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "status", status, "tags", List.of(tag)));
        if (due != null) {
            body.put("dueAt", due);
        }
        var response = api.post("/api/v1/tasks", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static List<String> titles(TestHttp api, String query) {
        var response = api.get("/api/v1/tasks" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("items").findValuesAsString("title");
    }

    private static List<String> pagedTitles(TestHttp api, String sort, int limit) {
        List<String> titles = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/tasks?sort=" + sort + "&limit=" + limit
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(item -> titles.add(item.get("title").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(2);
        return titles;
    }

    private String dump(String table) {
        return String.join(
                "\n",
                jdbc.sql("SELECT t::text FROM " + table + " t")
                        .query(String.class)
                        .list());
    }

    private String dumpAllTables() {
        List<String> tables = jdbc.sql(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
                .query(String.class)
                .list();
        assertThat(tables).contains("secrets", "users", "refresh_tokens", "api_tokens", "invitations", "tasks");
        StringBuilder all = new StringBuilder();
        tables.forEach(table -> all.append(dump('"' + table + '"')).append('\n'));
        return all.toString();
    }
}
