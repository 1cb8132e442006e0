package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalog and connections API over HTTP: shapes, validation naming fields, roles, error mapping. */
class ConnectionApiTest extends AppTestBase {
    private TestUsers users;
    private TestUsers.User owner;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        owner = users.signUp("olga");
    }

    private static List<String> fields(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json()
                .path("errors")
                .forEach(e -> out.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        return out;
    }

    private TestHttp.Response connectKey(TestUsers.User user, String key) {
        return users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "testkey",
                                "name",
                                "My key",
                                "credentials",
                                Map.of("api_key", key, "account", "acme")));
    }

    @Test
    void theCatalogListsConnectorsWithAuthActionsTriggersAndSchemas() {
        var r = users.as(owner).get("/api/v1/connectors");
        assertThat(r.status()).isEqualTo(200);
        JsonNode http = null;
        JsonNode webhook = null;
        for (JsonNode c : r.json()) {
            if (c.get("id").asString().equals("http")) {
                http = c;
            }
            if (c.get("id").asString().equals("webhook")) {
                webhook = c;
            }
        }
        assertThat(http).isNotNull();
        assertThat(http.at("/auth/kind").asString()).isEqualTo("none");
        JsonNode request = http.at("/actions/0");
        assertThat(request.get("id").asString()).isEqualTo("http.request");
        assertThat(request.get("writes").asBoolean()).isTrue();
        assertThat(request.get("idempotency").asString()).isEqualTo("key");
        assertThat(request.at("/inputSchema/required").toString()).isEqualTo("[\"method\",\"url\"]");
        assertThat(request.at("/inputSchema/properties/method/enum").toString()).contains("GET", "POST");
        assertThat(request.at("/outputSchema/properties/status/type").asString())
                .isEqualTo("integer");
        assertThat(webhook.at("/triggers/0/id").asString()).isEqualTo("webhook.received");
        assertThat(webhook.at("/triggers/0/kind").asString()).isEqualTo("webhook");
        assertThat(webhook.at("/triggers/0/eventSchema/type").asString()).isEqualTo("object");

        var key = users.as(owner).get("/api/v1/connectors?q=TEST%20KEY");
        assertThat(key.json()).hasSize(1);
        assertThat(key.json().at("/0/auth/kind").asString()).isEqualTo("api_key");
        assertThat(key.json().at("/0/auth/fields/0/name").asString()).isEqualTo("api_key");
        assertThat(key.json().at("/0/auth/fields/0/secret").asBoolean()).isTrue();
        assertThat(http().get("/api/v1/connectors").status()).as("anonymous").isEqualTo(401);
    }

    @Test
    void createsListsGetsTestsAndDeletesAConnectionWithoutAuth() {
        var created = users.as(owner)
                .post("/api/v1/connections", Map.of("connector", "http", "name", "Web", "credentials", Map.of()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("connector").asString()).isEqualTo("http");
        assertThat(created.json().get("name").asString()).isEqualTo("Web");
        assertThat(created.json().get("status").asString()).isEqualTo("connected");
        assertThat(created.header("Location")).isEqualTo("/api/v1/connections/" + id);

        assertThat(users.as(owner).get("/api/v1/connections").json())
                .extracting(n -> n.get("id").asString())
                .containsExactly(id);
        var got = users.as(owner).get("/api/v1/connections/" + id);
        assertThat(got.json().get("lastCheckedAt").asString()).isNotBlank();

        var tested = users.as(owner).post("/api/v1/connections/" + id + "/test", null);
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");

        assertThat(users.as(owner).delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(users.as(owner).get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(users.as(owner).delete("/api/v1/connections/" + id).status()).isEqualTo(404);
    }

    @Test
    void createNamesEveryBadField() {
        var empty = users.as(owner).post("/api/v1/connections", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(fields(empty)).containsExactlyInAnyOrder("connector: is required", "name: is required");

        var unknown = users.as(owner).post("/api/v1/connections", Map.of("connector", "nope", "name", "x".repeat(101)));
        assertThat(fields(unknown))
                .containsExactlyInAnyOrder(
                        "connector: is not a known connector", "name: must be at most 100 characters");

        var badCredentials = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "testkey",
                                "name",
                                "k",
                                "credentials",
                                Map.of("api_key", "short", "extra", "x")));
        assertThat(badCredentials.status()).isEqualTo(400);
        assertThat(fields(badCredentials))
                .containsExactlyInAnyOrder(
                        "credentials.api_key: is not in the expected format",
                        "credentials.account: is required",
                        "credentials.extra: is not a credential of this connector");
        assertThat(badCredentials.body()).doesNotContain("short");

        var notObject = users.as(owner)
                .post("/api/v1/connections", Map.of("connector", "http", "name", "n", "credentials", "x"));
        assertThat(fields(notObject)).containsExactly("credentials: must be an object");
    }

    @Test
    void anApiKeyConnectionIsCheckedAndARejectedKeyNeedsReconnecting() {
        var good = connectKey(owner, "good-key-123");
        assertThat(good.status()).isEqualTo(201);
        assertThat(good.json().get("status").asString()).isEqualTo("connected");
        String id = good.json().get("id").asString();
        assertThat(users.as(owner)
                        .get("/api/v1/connections/" + id)
                        .json()
                        .get("account")
                        .asString())
                .isEqualTo("acme");

        var bad = connectKey(owner, "wrong-key-123");
        assertThat(bad.status()).isEqualTo(201);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        var got = users.as(owner)
                .get("/api/v1/connections/" + bad.json().get("id").asString());
        assertThat(got.json().get("statusReason").asString()).isEqualTo("the service rejected the key");
    }

    @Test
    void runsActionsAndMapsConnectorErrors() {
        String id = connectKey(owner, "good-key-123").json().get("id").asString();
        String path = "/api/v1/connections/" + id + "/actions/";

        var ok = users.as(owner).post(path + "testkey.check_key", Map.of("mode", "echo"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().at("/output/keyLength").asInt()).isEqualTo(12);
        assertThat(ok.json().at("/output/account").asString()).isEqualTo("acme");

        var invalid = users.as(owner).post(path + "testkey.check_key", Map.of("mode", 3, "other", true));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid))
                .containsExactlyInAnyOrder("input.mode: must be a string", "input.other: is not a known field");
        var missing = users.as(owner).post(path + "testkey.check_key", Map.of());
        assertThat(fields(missing)).containsExactly("input.mode: is required");

        var busy = users.as(owner).post(path + "testkey.check_key", Map.of("mode", "busy"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("7");
        assertThat(busy.json().get("type").asString()).endsWith("/service-unavailable");

        var down = users.as(owner).post(path + "testkey.check_key", Map.of("mode", "down"));
        assertThat(down.status()).isEqualTo(502);

        var refused = users.as(owner).post(path + "testkey.check_key", Map.of("mode", "refuse"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).isEqualTo("no such channel: #nowhere");
        assertThat(refused.json().get("serviceStatus").asInt()).isEqualTo(404);

        var unknownAction = users.as(owner).post(path + "http.request", Map.of());
        assertThat(unknownAction.status()).as("an action of another connector").isEqualTo(404);

        var revoked = users.as(owner).post(path + "testkey.check_key", Map.of("mode", "revoke"));
        assertThat(revoked.status()).isEqualTo(424);
        assertThat(revoked.json().get("detail").asString()).isEqualTo("the key was revoked at the service");
        var after = users.as(owner).get("/api/v1/connections/" + id).json();
        assertThat(after.get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(after.get("statusReason").asString()).isEqualTo("the key was revoked at the service");
        var again = users.as(owner).post(path + "testkey.check_key", Map.of("mode", "echo"));
        assertThat(again.status()).as("refused until reconnected").isEqualTo(424);

        var retested = users.as(owner).post("/api/v1/connections/" + id + "/test", null);
        assertThat(retested.json().get("status").asString())
                .as("the key still works at the service")
                .isEqualTo("connected");
    }

    @Test
    void membersMayCreateTheirOwnAndRemoveOnlyThoseUnlessAdmin() {
        TestUsers.User member = users.invite("mia", owner, "member");
        TestUsers.User other = users.invite("max", owner, "member");
        var mine = connectKey(member, "good-member-key");
        assertThat(mine.status()).isEqualTo(201);
        String id = mine.json().get("id").asString();
        assertThat(users.as(other).get("/api/v1/connections/" + id).status())
                .as("shared in the workspace")
                .isEqualTo(200);
        assertThat(users.as(other).delete("/api/v1/connections/" + id).status()).isEqualTo(403);
        assertThat(users.as(member).delete("/api/v1/connections/" + id).status())
                .isEqualTo(204);

        String second = connectKey(member, "good-member-key").json().get("id").asString();
        assertThat(users.as(owner).delete("/api/v1/connections/" + second).status())
                .as("an owner may")
                .isEqualTo(204);
    }
}
