package dev.atom.connectors.internal;

import static dev.atom.connectors.internal.OAuthTestSupport.form;
import static dev.atom.connectors.internal.OAuthTestSupport.location;
import static dev.atom.connectors.internal.OAuthTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.internal.OAuthTestSupport.Browser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OAuth 2.0 connect flow end to end against mock-oauth2-server: PKCE checked by the server, one exact
 * redirect URI, state single-use, bound to the user and expiring; provider errors shown as fixed sentences;
 * the tokens only in the secret store.
 */
class OAuthFlowTest extends OAuthTestBase {

    @Test
    void connectsWithPkceAndAnExactRedirectUriAndKeepsTheTokensOnlyInTheSecretStore() {
        var ann = users.signUp("ann");
        Browser browser = Browser.signedIn(port, ann.email());

        Connected c = connect(ann, browser, "?name=Ann%27s%20test");

        Map<String, String> authorize = c.authorize();
        assertThat(authorize)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", "http://localhost:" + port + "/connections/oauth/callback")
                .containsEntry("scope", "openid profile")
                .containsEntry("code_challenge_method", "S256");
        assertThat(authorize.get("state")).hasSizeGreaterThanOrEqualTo(43);
        // the server verified the verifier against the challenge (it refuses a mismatch); check it too
        Map<String, String> tokenForm = form(c.tokenRequest().getBody().readUtf8());
        assertThat(tokenForm).containsEntry("grant_type", "authorization_code").containsKey("code_verifier");
        assertThat(OAuthFlow.challenge(tokenForm.get("code_verifier"))).isEqualTo(authorize.get("code_challenge"));
        assertThat(tokenForm.get("redirect_uri")).isEqualTo(authorize.get("redirect_uri"));
        assertThat(c.tokenRequest().getHeader("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        ("atom-test-client:client+s3cret%2F%2B").getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenForm).doesNotContainKey("client_secret");

        var connection = users.as(ann).get("/api/v1/connections/" + c.connectionId());
        assertThat(connection.json().get("status").asString()).isEqualTo("connected");
        assertThat(connection.json().get("name").asString()).isEqualTo("Ann's test");
        assertThat(connection.json().get("account").asString()).isNotBlank(); // the health check used the token
        assertThat(connections.scopes(ann.workspaceId(), c.connectionId())).contains("openid profile");

        Connection row = connections.find(ann.workspaceId(), c.connectionId()).orElseThrow();
        assertThat(row.accessTokenSecretId()).isNotNull();
        assertThat(row.refreshTokenSecretId()).isNotNull();
        assertThat(row.tokenExpiresAt()).isAfter(Instant.now());
        String access = accessToken(ann, c.connectionId());
        assertThat(connection.body()).doesNotContain(access);
        assertThat(users.as(ann).get("/api/v1/connections").body()).doesNotContain(access);
        assertThat(browser.get("/connections").body()).doesNotContain(access);
        for (String table : new String[] {"secrets", "connections", "audit_events", "oauth_states"}) {
            var rows = jdbc.sql("SELECT * FROM " + table).query().listOfRows();
            assertThat(rows.toString())
                    .as(table)
                    .doesNotContain(access)
                    .doesNotContain(refreshToken(ann, c.connectionId()));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth_states WHERE state_hash = :s")
                        .param("s", authorize.get("state"))
                        .query(Integer.class)
                        .single())
                .as("the state is stored only hashed, and gone once used")
                .isZero();

        // the same callback again: the state was spent
        var replay = browser.get(c.callback());
        assertThat(query(location(replay))).containsEntry("oauth", "unknown_state");
        assertThat(users.as(ann).get("/api/v1/connections").json().size()).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownStateAnExpiredOneAndAnotherUsersOne() {
        var ann = users.signUp("ann");
        var bob = users.signUp("bob");
        Browser annBrowser = Browser.signedIn(port, ann.email());
        Browser bobBrowser = Browser.signedIn(port, bob.email());

        var forged = annBrowser.get(OAuthFlow.CALLBACK_PATH + "?code=abc&state=not-a-state-we-issued");
        assertThat(query(location(forged))).containsEntry("oauth", "unknown_state");
        var none = annBrowser.get(OAuthFlow.CALLBACK_PATH + "?code=abc");
        assertThat(query(location(none))).containsEntry("oauth", "unknown_state");

        // Bob's browser brings back Ann's authorization: refused, and the state is spent
        var start = users.as(ann).get("/api/v1/connections/oauth/testoauth/start");
        String callback = location(annBrowser.get(start.header("Location")));
        var wrongUser = bobBrowser.get(callback);
        assertThat(query(location(wrongUser))).containsEntry("oauth", "wrong_user");
        assertThat(query(location(annBrowser.get(callback)))).containsEntry("oauth", "unknown_state");

        // an attempt older than ten minutes
        var late = users.as(ann).get("/api/v1/connections/oauth/testoauth/start");
        jdbc.sql("UPDATE oauth_states SET expires_at = :past WHERE user_id = :u")
                .param(
                        "past",
                        dev.atom.shared.time.Timestamps.format(Instant.now().minusSeconds(1)))
                .param("u", ann.id())
                .update();
        var expired = annBrowser.get(location(annBrowser.get(late.header("Location"))));
        assertThat(query(location(expired))).containsEntry("oauth", "expired");

        assertThat(users.as(ann).get("/api/v1/connections").json().size()).isZero();
        assertThat(users.as(bob).get("/api/v1/connections").json().size()).isZero();
    }

    @Test
    void showsTheProvidersRefusalAsASentence() {
        var ann = users.signUp("ann");
        Browser browser = Browser.signedIn(port, ann.email());
        var start = users.as(ann).get("/api/v1/connections/oauth/testoauth/start");
        String state = query(start.header("Location")).get("state");

        var denied = browser.get(OAuthFlow.CALLBACK_PATH + "?error=access_denied&error_description=The+user+said+no"
                + "&state=" + state);
        String to = location(denied);
        assertThat(query(to))
                .containsEntry("oauth", "denied")
                .containsEntry("connector", "testoauth")
                .containsEntry("error", "access_denied");
        var page = browser.get(to);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"oauth-outcome\"", "Test OAuth service was not connected", "(access_denied)")
                .doesNotContain("Exception", "at dev.atom");

        // free text in a crafted link never reaches the page
        var crafted = browser.get("/connections?oauth=provider_error&error=Call+0800+now");
        assertThat(crafted.body()).doesNotContain("0800").contains("answered with an error");
    }

    @Test
    void saysWhichVariablesToSetWhenTheServiceIsNotConfigured() {
        var ann = users.signUp("ann");
        var api = users.as(ann).get("/api/v1/connections/oauth/testoauth-unset/start");
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.json().get("detail").asString())
                .contains("ATOM_TESTOAUTH_UNSET_CLIENT_ID", "ATOM_TESTOAUTH_UNSET_CLIENT_SECRET");

        Browser browser = Browser.signedIn(port, ann.email());
        var button = browser.get("/connections/oauth/testoauth-unset/start");
        assertThat(query(location(button))).containsEntry("oauth", "not_configured");
        assertThat(browser.get(location(button)).body()).contains("ATOM_TESTOAUTH_UNSET_CLIENT_ID");

        assertThat(users.as(ann).get("/api/v1/connections/oauth/http/start").status())
                .isEqualTo(400);
        assertThat(users.as(ann).get("/api/v1/connections/oauth/nope/start").status())
                .isEqualTo(404);
    }

    @Test
    void theConnectButtonRedirectsToTheProvider() {
        var ann = users.signUp("ann");
        Browser browser = Browser.signedIn(port, ann.email());
        assertThat(browser.get("/connections").body()).contains("/connections/oauth/testoauth/start");
        var button = browser.get("/connections/oauth/testoauth/start");
        assertThat(button.statusCode()).isEqualTo(302);
        assertThat(location(button)).startsWith(SERVER.authorizationEndpointUrl("atom") + "?");
        var done = browser.get(location(browser.get(location(button))));
        assertThat(query(location(done))).containsEntry("oauth", "connected");
    }
}
