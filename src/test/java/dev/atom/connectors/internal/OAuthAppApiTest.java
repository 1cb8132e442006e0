package dev.atom.connectors.internal;

import static dev.atom.connectors.internal.OAuthTestSupport.drain;
import static dev.atom.connectors.internal.OAuthTestSupport.query;
import static dev.atom.connectors.internal.OAuthTestSupport.tokenRequests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.internal.OAuthTestSupport.Browser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/connectors/{id}/oauth-app}: who may register a workspace's OAuth app, what is refused (each bad
 * field named), that the secret never comes back, the environment fallback, and that connecting and refreshing
 * then use the workspace's client (mock-oauth2-server checks nothing about the client, so the requests it
 * received are read back).
 */
class OAuthAppApiTest extends OAuthTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    ConnectorRegistry registry;

    @org.springframework.beans.factory.annotation.Autowired
    OAuthAppGuides guides;

    private static final String APP = "/api/v1/connectors/testoauth/oauth-app";

    private static Map<String, Object> app(String clientId, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("clientSecret", secret);
        return body;
    }

    @Test
    void ownersAndAdminsRegisterMembersMayOnlyLook() {
        var owner = users.signUp("olga");
        var admin = users.invite("adam", owner, "admin");
        var member = users.invite("mia", owner, "member");

        var byMember = users.as(member).put(APP, app("member-client", "member-secret"));
        assertThat(byMember.status()).as(byMember.toString()).isEqualTo(403);
        assertThat(users.as(member).delete(APP).status()).isEqualTo(403);
        var look = users.as(member).get(APP);
        assertThat(look.status()).isEqualTo(200);
        assertThat(look.json().get("source").asString()).isEqualTo("environment");

        var byAdmin = users.as(admin).put(APP, app("admin-client", "admin-secret"));
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(byAdmin.json().get("source").asString()).isEqualTo("workspace");
        var byOwner = users.as(owner).put(APP, app("owner-client", "owner-secret"));
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOwner.json().get("clientId").asString()).isEqualTo("owner-client");
        assertThat(users.as(member).get(APP).json().get("clientId").asString()).isEqualTo("owner-client");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE workspace_id = :ws AND type = 'oauth_app.set'")
                        .param("ws", owner.workspaceId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT detail FROM audit_events WHERE workspace_id = :ws AND type LIKE 'oauth_app.%'")
                        .param("ws", owner.workspaceId())
                        .query(String.class)
                        .list())
                .allSatisfy(detail -> assertThat(detail).doesNotContain("secret\""))
                .noneSatisfy(detail -> assertThat(detail).contains("owner-secret"));
    }

    @Test
    void refusesUnknownAndNonOAuthConnectorsAndBadFieldsNamingThem() {
        var owner = users.signUp("vera");
        var as = users.as(owner);

        assertThat(as.put("/api/v1/connectors/no-such/oauth-app", app("a", "b")).status())
                .isEqualTo(404);
        assertThat(as.get("/api/v1/connectors/no-such/oauth-app").status()).isEqualTo(404);
        var http = as.put("/api/v1/connectors/http/oauth-app", app("a", "b"));
        assertThat(http.status()).isEqualTo(400);
        assertThat(http.body()).contains("connector", "'http' does not connect with OAuth");
        assertThat(as.get("/api/v1/connectors/email/oauth-app").status()).isEqualTo(400);

        var empty = as.put(APP, app("  ", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("clientId", "clientSecret", "must not be empty");
        var missing = as.put(APP, Map.of("clientId", "only-id"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("clientSecret", "is required").doesNotContain("only-id\"");
        var huge =
                as.put(APP, app("x".repeat(OAuthApps.MAX_CLIENT_ID + 1), "s".repeat(OAuthApps.MAX_CLIENT_SECRET + 1)));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body())
                .contains("clientId", "must be at most 256 characters")
                .contains("clientSecret", "must be at most 1024 characters");
        var spaced = as.put(APP, app("two words", "fine"));
        assertThat(spaced.status()).isEqualTo(400);
        assertThat(spaced.body()).contains("clientId", "spaces");
        var notBool = as.put(APP, Map.of("clientId", "a", "clientSecret", "b", "testing", "yes"));
        assertThat(notBool.status()).isEqualTo(400);
        assertThat(notBool.body()).contains("testing");
        assertThat(as.put(APP, "not an object").status()).isEqualTo(400);
        assertThat(as.get(APP).json().get("source").asString())
                .as("nothing was stored")
                .isEqualTo("environment");
    }

    @Test
    void theSecretIsStoredEncryptedAndNeverReturned() {
        var owner = users.signUp("sam");
        String secret = "very-secret-" + UUID.randomUUID();
        var put = users.as(owner).put(APP, app("sam-client", secret));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(secret).doesNotContain("clientSecret\"");
        var got = users.as(owner).get(APP);
        assertThat(got.body()).doesNotContain(secret);
        assertThat(got.json().get("redirectUri").asString())
                .isEqualTo("http://localhost:" + port + OAuthFlow.CALLBACK_PATH);
        assertThat(got.json().get("scopes").get(0).get("scope").asString()).isEqualTo("openid");
        assertThat(got.json().get("environment").get("clientIdVariable").asString())
                .isEqualTo("ATOM_TESTOAUTH_CLIENT_ID");
        String row = jdbc.sql("SELECT client_id || '|' || client_secret_id FROM oauth_apps WHERE workspace_id = :ws")
                .param("ws", owner.workspaceId())
                .query(String.class)
                .single();
        assertThat(row).startsWith("sam-client|").doesNotContain(secret);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM secrets WHERE workspace_id = :ws AND owner = 'oauth-app:testoauth'")
                        .param("ws", owner.workspaceId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // replacing keeps one secret; removing deletes it and the environment's app applies again
        users.as(owner).put(APP, app("sam-client-2", secret + "-2"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM secrets WHERE workspace_id = :ws AND owner = 'oauth-app:testoauth'")
                        .param("ws", owner.workspaceId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(users.as(owner).delete(APP).status()).isEqualTo(204);
        var after = users.as(owner).get(APP).json();
        assertThat(after.get("source").asString()).isEqualTo("environment");
        assertThat(after.get("clientId").asString()).isEqualTo(CLIENT_ID);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM secrets WHERE workspace_id = :ws AND owner = 'oauth-app:testoauth'")
                        .param("ws", owner.workspaceId())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void withoutEnvironmentOrWorkspaceAppTheStartNamesTheConnectorsOwnVariablesThenTheWorkspaceAppWorks() {
        var owner = users.signUp("dora");
        var none = users.as(owner).get("/api/v1/connectors/dropbox/oauth-app");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("configured").asBoolean()).isFalse();
        assertThat(none.json().has("source")).isTrue();
        assertThat(none.json().get("source").isNull()).isTrue();
        assertThat(none.json().has("clientId")).isFalse();

        var start = users.as(owner).get("/api/v1/connections/oauth/dropbox/start");
        assertThat(start.status()).isEqualTo(503);
        assertThat(start.body())
                .contains("ATOM_DROPBOX_CLIENT_ID", "Set up Dropbox")
                .doesNotContain("ATOM_GITHUB");

        users.as(owner).put("/api/v1/connectors/dropbox/oauth-app", app("dropbox-app-key", "dropbox-app-secret"));
        var again = users.as(owner).get("/api/v1/connections/oauth/dropbox/start");
        assertThat(again.status()).isEqualTo(302);
        var authorize = query(again.header("Location"));
        assertThat(again.header("Location")).startsWith("https://www.dropbox.com/oauth2/authorize?");
        assertThat(authorize).containsEntry("client_id", "dropbox-app-key");
        assertThat(again.header("Location")).doesNotContain("dropbox-app-secret");
    }

    @Test
    void connectingAndRefreshingUseTheWorkspacesClient() {
        var owner = users.signUp("wanda");
        String clientId = "wanda-" + UUID.randomUUID().toString().substring(0, 8);
        users.as(owner).put(APP, app(clientId, "wanda secret"));
        Browser browser = Browser.signedIn(port, owner.email());

        Connected c = connect(owner, browser, "");

        assertThat(c.authorize()).containsEntry("client_id", clientId);
        assertThat(basicClient(c.tokenRequest().getHeader("Authorization"))).isEqualTo(clientId + ":wanda+secret");
        expireSoon(owner, c.connectionId());
        drain(SERVER);
        accessToken(owner, c.connectionId());
        var refresh = tokenRequests(drain(SERVER));
        assertThat(refresh)
                .singleElement()
                .satisfies(r ->
                        assertThat(basicClient(r.getHeader("Authorization"))).isEqualTo(clientId + ":wanda+secret"));

        // another workspace still connects with the environment's app
        var other = users.signUp("otto");
        Connected theirs = connect(other, Browser.signedIn(port, other.email()), "");
        assertThat(theirs.authorize()).containsEntry("client_id", CLIENT_ID);
    }

    @Test
    void everyOAuthConnectorHasRegistrationStepsInTheBundledDocs() {
        var oauth = registry.all().stream()
                .filter(c -> c.oauth2().isPresent() && !c.id().startsWith("testoauth"))
                .map(c -> c.id())
                .toList();
        assertThat(oauth).contains("github", "gmail", "outlook", "slack");
        assertThat(oauth)
                .allSatisfy(id -> assertThat(guides.steps(id))
                        .as("docs/connectors.md has a section naming `" + id + "`")
                        .hasValueSatisfying(steps -> assertThat(steps).contains("1. ")));
        assertThat(guides.steps("http")).isEmpty();
        // every way a person can connect an OAuth service alone has its steps too
        var alone = registry.all().stream()
                .filter(c -> c.oauth2().isPresent() && !c.id().startsWith("testoauth"))
                .filter(c -> ConnectionService.formAuth(c).isPresent())
                .map(c -> c.id())
                .toList();
        assertThat(alone).contains("github", "slack", "asana", "jira", "notion");
        assertThat(alone)
                .allSatisfy(id -> assertThat(guides.aloneSteps(id)).as(id).isPresent());
        assertThat(AlonePresets.forService("gmail"))
                .singleElement()
                .satisfies(p -> assertThat(guides.aloneSteps(p.id())).isPresent());
    }

    /** The form-encoded {@code id:secret} of an {@code Authorization: Basic} header. */
    private static String basicClient(String header) {
        assertThat(header).startsWith("Basic ");
        return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    }
}
