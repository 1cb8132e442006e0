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

/** Connectors that offer several ways to connect: the catalog lists them all, a connection picks one. */
class ConnectionAuthKindsTest extends AppTestBase {
    private TestUsers users;
    private TestUsers.User owner;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        owner = users.signUp("kira");
    }

    private static List<String> fields(TestHttp.Response r) {
        List<String> out = new ArrayList<>();
        r.json()
                .path("errors")
                .forEach(e -> out.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        return out;
    }

    private JsonNode connector(String id) {
        for (JsonNode c : users.as(owner).get("/api/v1/connectors").json()) {
            if (c.get("id").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no connector " + id);
    }

    private static List<String> kinds(JsonNode connector) {
        List<String> out = new ArrayList<>();
        connector.get("auths").forEach(a -> out.add(a.get("kind").asString()));
        return out;
    }

    @Test
    void theCatalogKeepsThePreferredAuthAndListsEveryWay() {
        for (String id : List.of("slack", "github")) {
            JsonNode c = connector(id);
            assertThat(c.at("/auth/kind").asString()).as(id).isEqualTo("api_key");
            assertThat(kinds(c)).as(id).containsExactly("api_key", "oauth2");
            assertThat(c.at("/auths/0/fields/0/secret").asBoolean()).isTrue();
            assertThat(c.at("/auths/1/scopes")).as(id + " scopes").isNotEmpty();
            assertThat(c.at("/auths/1/fields")).isEmpty();
        }
        assertThat(connector("github").at("/auths/1/pkce").asBoolean()).isTrue();
        assertThat(connector("slack").at("/auths/0/label").asString()).isEqualTo("Bot token");
        assertThat(kinds(connector("http"))).containsExactly("none");
        assertThat(kinds(connector("testkey"))).containsExactly("api_key", "basic");
    }

    @Test
    void aConnectionUsesTheWayItNamesAndTheFirstFormBasedOneByDefault() {
        var byDefault = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "testkey",
                                "name",
                                "Key",
                                "credentials",
                                Map.of("api_key", "good-key-123", "account", "acme")));
        assertThat(byDefault.status()).as(byDefault.toString()).isEqualTo(201);
        assertThat(byDefault.json().get("auth").asString()).isEqualTo("api_key");

        var basic = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "testkey",
                                "name",
                                "Basic",
                                "auth",
                                "basic",
                                "credentials",
                                Map.of("username", "globex", "password", "good-password")));
        assertThat(basic.status()).as(basic.toString()).isEqualTo(201);
        assertThat(basic.json().get("status").asString()).isEqualTo("connected");
        assertThat(basic.json().get("auth").asString()).isEqualTo("basic");
        assertThat(basic.json().get("account").asString()).isEqualTo("globex");
        String id = basic.json().get("id").asString();
        assertThat(users.as(owner)
                        .get("/api/v1/connections/" + id)
                        .json()
                        .get("auth")
                        .asString())
                .isEqualTo("basic");
        var ran = users.as(owner)
                .post("/api/v1/connections/" + id + "/actions/testkey.check_key", Map.of("mode", "echo"));
        assertThat(ran.json().at("/output/keyLength").asInt())
                .as("the action read the password, as the basic way says")
                .isEqualTo("good-password".length());
        assertThat(ran.json().at("/output/account").asString()).isEqualTo("globex");
    }

    @Test
    void aWayTheConnectorDoesNotOfferOrOAuthIsRefusedNamingTheField() {
        var unknown = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "testkey", "name", "k", "auth", "oauth2", "credentials", Map.of()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("auth: must be one of api_key, basic");

        var oauth = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "slack", "name", "s", "auth", "oauth2", "credentials", Map.of()));
        assertThat(fields(oauth))
                .containsExactly("auth: oauth2 connects through the provider's consent page, not with credentials");

        var notText =
                users.as(owner).post("/api/v1/connections", Map.of("connector", "testkey", "name", "k", "auth", 3));
        assertThat(fields(notText)).containsExactly("auth: must be a string");

        var wrongFields = users.as(owner)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "testkey",
                                "name",
                                "k",
                                "auth",
                                "basic",
                                "credentials",
                                Map.of("api_key", "good-key-123", "username", "u")));
        assertThat(fields(wrongFields))
                .containsExactlyInAnyOrder(
                        "credentials.api_key: is not a credential of this connector",
                        "credentials.password: is required");

        var oauthOnly = users.as(owner)
                .post("/api/v1/connections", Map.of("connector", "testoauth", "name", "o", "credentials", Map.of()));
        assertThat(fields(oauthOnly))
                .containsExactly("connector: connects through OAuth at the provider, not with credentials");
    }
}
