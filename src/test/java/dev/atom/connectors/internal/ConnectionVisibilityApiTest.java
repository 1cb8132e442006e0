package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.ConnectionNotUsable;
import dev.atom.connectors.Connectors;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Who sees and uses a connection inside one workspace (issue 10): private ones are their owner's alone, admins
 * see that they exist only to remove them and can never make them shared, and every direct call is recorded for
 * the owner, refused ones included.
 */
class ConnectionVisibilityApiTest extends AppTestBase {
    @Autowired
    Connectors connectors;

    private TestUsers users;
    private TestUsers.User olga;
    private TestUsers.User ann;
    private TestUsers.User bob;
    private TestUsers.User carol;

    @BeforeEach
    void oneWorkspace() {
        users = new TestUsers(this::http);
        olga = users.signUp("olga");
        ann = users.invite("ann", olga, "admin");
        bob = users.invite("bob", olga, "member");
        carol = users.invite("carol", olga, "member");
    }

    private String connect(TestUsers.User user, String visibility) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "connector",
                "testkey",
                "name",
                "Bob's key",
                "credentials",
                Map.of("api_key", "good-key-123", "account", "bob-account")));
        if (visibility != null) {
            body.put("visibility", visibility);
        }
        var r = users.as(user).post("/api/v1/connections", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private TestHttp.Response call(TestUsers.User user, String id, String mode) {
        return users.as(user).post("/api/v1/connections/" + id + "/actions/testkey.check_key", Map.of("mode", mode));
    }

    private static List<String> fields(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json().path("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    @Test
    void servicesThatReadPersonalDataArePrivateByDefault() {
        Map<String, String> defaults = new HashMap<>();
        users.as(olga)
                .get("/api/v1/connectors")
                .json()
                .forEach(c -> defaults.put(
                        c.get("id").asString(), c.get("defaultVisibility").asString()));
        for (String personal :
                List.of("gmail", "google-calendar", "google-drive", "outlook", "email", "caldav", "slack", "dropbox")) {
            assertThat(defaults.get(personal)).as(personal).isEqualTo("private");
        }
        for (String shared : List.of("http", "github", "jira", "asana", "trello", "notion", "testkey")) {
            assertThat(defaults.get(shared)).as(shared).isEqualTo("shared");
        }
        String id = connect(bob, null);
        var made = users.as(bob).get("/api/v1/connections/" + id).json();
        assertThat(made.get("visibility").asString()).isEqualTo("shared");
        assertThat(made.get("owner").asString()).isEqualTo(bob.id());
        var bad = users.as(bob)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "testkey", "name", "x", "visibility", "everyone", "credentials", Map.of()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).contains("visibility");
    }

    @Test
    void anotherMembersPrivateConnectionDoesNotExistForAMember() {
        String id = connect(bob, "private");
        String path = "/api/v1/connections/" + id;
        assertThat(call(bob, id, "echo").status()).isEqualTo(200);

        assertThat(users.as(carol).get(path).status()).isEqualTo(404);
        assertThat(call(carol, id, "echo").status()).isEqualTo(404);
        assertThat(users.as(carol).post(path + "/test", Map.of()).status()).isEqualTo(404);
        assertThat(users.as(carol).get(path + "/calls").status()).isEqualTo(404);
        assertThat(users.as(carol).patch(path, Map.of("visibility", "shared")).status())
                .isEqualTo(404);
        assertThat(users.as(carol).delete(path).status()).isEqualTo(404);
        assertThat(users.as(carol)
                        .get("/api/v1/connections/oauth/testkey/start?connection=" + id)
                        .status())
                .isEqualTo(404);
        assertThat(users.as(carol).get("/api/v1/connections").body()).doesNotContain(id);

        var mine = users.as(bob).get(path + "/calls").json().get("items");
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).get("user").asString()).isEqualTo(carol.id());
        assertThat(mine.get(0).get("outcome").asString()).isEqualTo("refused");
        assertThat(mine.get(0).get("detail").asString()).isEqualTo("not_permitted");
        assertThat(mine.get(1).get("user").asString()).isEqualTo(bob.id());
        assertThat(mine.get(1).get("outcome").asString()).isEqualTo("succeeded");
        assertThat(users.as(bob).get(path).json().get("visibility").asString()).isEqualTo("private");
    }

    @Test
    void anAdminSeesAPrivateConnectionOnlyToRemoveIt() {
        String id = connect(bob, "private");
        String path = "/api/v1/connections/" + id;
        JsonNode listed = null;
        for (JsonNode c : users.as(ann).get("/api/v1/connections").json()) {
            if (c.get("id").asString().equals(id)) {
                listed = c;
            }
        }
        assertThat(listed).as("the admin sees that it exists").isNotNull();
        assertThat(listed.get("usable").asBoolean()).isFalse();
        assertThat(listed.get("owner").asString()).isEqualTo(bob.id());
        assertThat(listed.path("account").isMissingNode()
                        || listed.get("account").isNull())
                .as(listed.toString())
                .isTrue();
        assertThat(users.as(ann).get(path).body()).doesNotContain("bob-account");
        assertThat(call(ann, id, "echo").status()).isEqualTo(404);
        assertThat(users.as(ann).post(path + "/test", Map.of()).status()).isEqualTo(404);
        assertThat(users.as(ann).get(path + "/calls").status()).isEqualTo(404);
        var expose = users.as(ann).patch(path, Map.of("visibility", "shared"));
        assertThat(expose.status()).as("an admin never exposes private data").isEqualTo(403);
        assertThat(users.as(bob).get(path).json().get("visibility").asString()).isEqualTo("private");
        assertThat(users.as(ann).delete(path).status()).isEqualTo(204);
        assertThat(users.as(bob).get(path).status()).isEqualTo(404);
    }

    @Test
    void onASharedConnectionOnlyTheOwnerOrAnAdminChangesItAndAdminsOnlyTowardsPrivate() {
        String id = connect(bob, "shared");
        String path = "/api/v1/connections/" + id;
        assertThat(call(carol, id, "echo").status())
                .as("members use shared ones")
                .isEqualTo(200);
        assertThat(users.as(carol).patch(path, Map.of("visibility", "private")).status())
                .isEqualTo(403);
        assertThat(users.as(carol).get(path + "/calls").status())
                .as("calls are the owner's")
                .isEqualTo(403);
        assertThat(users.as(carol).delete(path).status()).isEqualTo(403);

        var renamed = users.as(ann).patch(path, Map.of("name", "Team key"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        var hidden = users.as(ann).patch(path, Map.of("visibility", "private"));
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(hidden.json().get("usable").asBoolean()).isFalse();
        assertThat(call(carol, id, "echo").status()).isEqualTo(404);
        assertThat(users.as(ann).patch(path, Map.of("visibility", "shared")).status())
                .isEqualTo(403);

        var back = users.as(bob).patch(path, Map.of("visibility", "shared"));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().get("name").asString()).isEqualTo("Team key");
        assertThat(call(carol, id, "echo").status()).isEqualTo(200);

        var unknown = users.as(bob).patch(path, Map.of("connector", "http", "visibility", "open"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).contains("connector", "visibility");
    }

    @Test
    void everyDirectCallIsRecordedWithoutItsDataPagedAndAudited() {
        String id = connect(bob, "private");
        String path = "/api/v1/connections/" + id;
        assertThat(call(bob, id, "echo").status()).isEqualTo(200);
        assertThat(call(bob, id, "busy").status()).isBetween(400, 599);
        assertThat(call(bob, id, "refuse").status()).isBetween(400, 599);
        assertThat(users.as(bob)
                        .post(path + "/actions/testkey.nothing", Map.of())
                        .status())
                .isEqualTo(404);

        var first = users.as(bob).get(path + "/calls?limit=2");
        assertThat(first.status()).isEqualTo(200);
        var items = first.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("action").asString()).isEqualTo("testkey.nothing");
        assertThat(items.get(0).get("detail").asString()).isEqualTo("unknown_action");
        assertThat(items.get(1).get("outcome").asString()).isEqualTo("failed");
        assertThat(items.get(1).get("detail").asString()).isEqualTo("service_error");
        assertThat(first.body())
                .doesNotContain("refuse")
                .doesNotContain("good-key")
                .doesNotContain("#nowhere");
        String cursor = first.json().get("nextCursor").asString();
        var second = users.as(bob).get(path + "/calls?limit=2&cursor=" + cursor).json();
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("items").get(0).get("detail").asString()).isEqualTo("rate_limited");
        assertThat(second.get("items").get(1).get("outcome").asString()).isEqualTo("succeeded");
        assertThat(second.has("nextCursor")).isFalse();

        var badPage = users.as(bob).get(path + "/calls?limit=0&cursor=nope");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(fields(badPage)).contains("limit", "cursor");

        var audit = users.as(olga).get("/api/v1/audit");
        assertThat(audit.body()).contains("connection.action_called").contains(id);
    }

    /**
     * What other modules do for a person (an inbox archive, a calendar write, a task completed at its service) runs
     * through {@link Connectors#runRecorded}: as that member, refused on another member's private connection, and
     * recorded in the owner's call log under whoever acted.
     */
    @Test
    void callsMadeForAPersonByOtherModulesRunAsThemAndAreRecorded() {
        String privateId = connect(bob, "private");
        String sharedId = connect(bob, "shared");
        var input = JsonNodeFactory.instance.objectNode().put("mode", "echo");

        var asCarol = new Connectors.Caller(olga.workspaceId(), carol.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> connectors.runRecorded(asCarol, privateId, "testkey.check_key", input, null))
                .isInstanceOf(ConnectionNotUsable.class);
        var asBob = new Connectors.Caller(olga.workspaceId(), bob.id());
        assertThat(connectors.runRecorded(asBob, privateId, "testkey.check_key", input, null))
                .isNotNull();
        var calls = users.as(bob)
                .get("/api/v1/connections/" + privateId + "/calls")
                .json()
                .get("items");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("user").asString()).isEqualTo(bob.id());
        assertThat(calls.get(0).get("outcome").asString()).isEqualTo("succeeded");
        assertThat(calls.get(1).get("user").asString()).isEqualTo(carol.id());
        assertThat(calls.get(1).get("outcome").asString()).isEqualTo("refused");
        assertThat(calls.get(1).get("detail").asString()).isEqualTo("not_permitted");

        connectors.runRecorded(asCarol, sharedId, "testkey.check_key", input, null);
        var shared = users.as(bob)
                .get("/api/v1/connections/" + sharedId + "/calls")
                .json()
                .get("items");
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).get("user").asString())
                .as("the member who acted")
                .isEqualTo(carol.id());
        assertThat(shared.get(0).get("action").asString()).isEqualTo("testkey.check_key");

        // the caller-less form is the system's own work and records nothing
        connectors.run(olga.workspaceId(), sharedId, "testkey.check_key", input, null);
        assertThat(users.as(bob)
                        .get("/api/v1/connections/" + sharedId + "/calls")
                        .json()
                        .get("items"))
                .hasSize(1);
    }

    /** "Used by" on a shared connection names only the workflows the viewer may see. */
    @Test
    void usedByNeverNamesAnotherMembersPrivateWorkflow() {
        String privateId = connect(bob, "private");
        String sharedId = connect(bob, "shared");
        var steps = List.of(
                Map.of(
                        "id",
                        "a",
                        "action",
                        "testkey.check_key",
                        "connection",
                        privateId,
                        "input",
                        Map.of("mode", "echo")),
                Map.of(
                        "id",
                        "b",
                        "action",
                        "testkey.check_key",
                        "connection",
                        sharedId,
                        "input",
                        Map.of("mode", "echo")));
        var workflow = users.as(bob)
                .post(
                        "/api/v1/workflows",
                        Map.of(
                                "definition",
                                Map.of(
                                        "name",
                                        "Bob's secret flow",
                                        "trigger",
                                        Map.of("type", "manual"),
                                        "steps",
                                        steps)));
        assertThat(workflow.status()).as(workflow.toString()).isEqualTo(201);

        assertThat(users.as(bob).get("/api/v1/connections/" + sharedId).body()).contains("Bob's secret flow");
        for (String path : List.of("/api/v1/connections/" + sharedId, "/api/v1/connections", "/connections")) {
            assertThat(users.as(carol).get(path).body()).as(path).doesNotContain("Bob's secret flow");
        }
    }
}
