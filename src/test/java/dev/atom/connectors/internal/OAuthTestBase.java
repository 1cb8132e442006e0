package dev.atom.connectors.internal;

import static dev.atom.connectors.internal.OAuthTestSupport.drain;
import static dev.atom.connectors.internal.OAuthTestSupport.location;
import static dev.atom.connectors.internal.OAuthTestSupport.query;
import static dev.atom.connectors.internal.OAuthTestSupport.tokenRequests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.internal.OAuthTestSupport.Browser;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.time.Timestamps;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import okhttp3.mockwebserver.RecordedRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OAuth tests' shared setup: mock-oauth2-server in-process on a random port (rotating refresh tokens,
 * issuer "atom"), the test connector {@code testoauth} pointed at it, and a connect through the provider.
 * One server per JVM, so every subclass shares one Spring context.
 */
abstract class OAuthTestBase extends AppTestBase {
    static final MockOAuth2Server SERVER = startServer();
    static final String CLIENT_ID = "atom-test-client";
    static final String CLIENT_SECRET = "client s3cret/+";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConnectionRepository connections;

    @Autowired
    Connectors connectors;

    @Autowired
    SecretStore secrets;

    final TestUsers users = new TestUsers(this::http);

    static MockOAuth2Server startServer() {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, true));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void oauthProperties(DynamicPropertyRegistry registry) {
        registry.add(
                "ATOM_TESTOAUTH_AUTHORIZE_URL",
                () -> SERVER.authorizationEndpointUrl("atom").toString());
        registry.add(
                "ATOM_TESTOAUTH_TOKEN_URL",
                () -> SERVER.tokenEndpointUrl("atom").toString());
        registry.add(
                "ATOM_TESTOAUTH_REVOKE_URL",
                () -> SERVER.revocationEndpointUrl("atom").toString());
        registry.add(
                "ATOM_TESTOAUTH_BASE_URL",
                () -> SERVER.issuerUrl("atom").toString().replaceAll("/+$", ""));
        registry.add("ATOM_TESTOAUTH_CLIENT_ID", () -> CLIENT_ID);
        registry.add("ATOM_TESTOAUTH_CLIENT_SECRET", () -> CLIENT_SECRET);
    }

    /** What one connect through the provider left behind. */
    record Connected(
            String connectionId, Map<String, String> authorize, RecordedRequest tokenRequest, String callback) {}

    /** Starts with the API as {@code user}, lets the mock provider answer, completes the callback in {@code browser}. */
    Connected connect(TestUsers.User user, Browser browser, String startQuery) {
        return connect(user, browser, "testoauth", startQuery);
    }

    /**
     * The same for another connector whose OAuth endpoints point at {@link #SERVER}. mock-oauth2-server
     * answers only OpenID requests, so a connector whose scopes lack {@code openid} gets it added on the way
     * to the server (the authorize parameters returned are Atom's own).
     */
    Connected connect(TestUsers.User user, Browser browser, String connector, String startQuery) {
        drain(SERVER);
        var start = users.as(user).get("/api/v1/connections/oauth/" + connector + "/start" + startQuery);
        assertThat(start.status()).as(start.toString()).isEqualTo(302);
        String authorizeUrl = start.header("Location");
        String sent = authorizeUrl.contains("scope=openid")
                ? authorizeUrl
                : authorizeUrl.replaceFirst("([?&])scope=", "$1scope=openid+");
        String callback = location(browser.get(sent)); // the provider's consent, answered at once
        assertThat(callback).startsWith("http://localhost:" + port + OAuthFlow.CALLBACK_PATH + "?");
        var done = browser.get(callback);
        assertThat(done.statusCode()).isEqualTo(302);
        Map<String, String> outcome = query(location(done));
        assertThat(outcome).as(location(done)).containsEntry("oauth", "connected");
        RecordedRequest token = tokenRequests(drain(SERVER)).getFirst();
        return new Connected(outcome.get("connection"), query(authorizeUrl), token, callback);
    }

    /** The connection's current access token, through the same supplier actions use (refreshing if due). */
    String accessToken(TestUsers.User user, String connectionId) {
        return connectors
                .context(user.workspaceId(), connectionId)
                .credentials()
                .accessToken();
    }

    String refreshToken(TestUsers.User user, String connectionId) {
        Connection c = connections.find(user.workspaceId(), connectionId).orElseThrow();
        return secrets.get(c.refreshTokenSecretId(), c.workspaceId(), c.secretOwner(), StoredCredentials.REFRESH_TOKEN)
                .orElseThrow();
    }

    /** Makes the stored access token expire within the refresh margin (as if time had passed). */
    void expireSoon(TestUsers.User user, String connectionId) {
        jdbc.sql("UPDATE connections SET token_expires_at = :soon WHERE id = :id AND workspace_id = :ws")
                .param("soon", Timestamps.format(Instant.now().plusSeconds(30)))
                .param("id", connectionId)
                .param("ws", user.workspaceId())
                .update();
    }

    /** A plain HTTP client for direct calls to the mock provider. */
    static HttpResponse<String> postForm(String url, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(java.net.URI.create(url))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
