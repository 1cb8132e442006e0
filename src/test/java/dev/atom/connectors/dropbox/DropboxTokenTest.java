package dev.atom.connectors.dropbox;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dropbox's expired_access_token (a token that ended before its stated expiry) gets one refresh at the token
 * endpoint and a retry; a refused retry or any other 401 needs reconnecting. And the authorize URL asks for
 * offline access with PKCE.
 */
class DropboxTokenTest extends DropboxTestBase {
    private static final String ACCOUNT = "{\"account_id\":\"dbid:1\",\"email\":\"dana@example.com\"}";

    private void tokenEndpointGives(String accessToken) {
        STUB.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(json("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\","
                        + "\"expires_in\":14400}")));
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallRetried() {
        STUB.stubFor(rpc("users/get_current_account", TOKEN)
                .willReturn(error(401, "expired_access_token/..", "expired_access_token")));
        STUB.stubFor(rpc("users/get_current_account", "sl.fresh").willReturn(json(ACCOUNT)));
        tokenEndpointGives("sl.fresh");
        var r = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(r.json().get("status").asString()).as(r.toString()).isEqualTo("connected");
        STUB.verify(
                1,
                postRequestedFor(urlPathEqualTo("/oauth2/token"))
                        .withRequestBody(containing("grant_type=refresh_token"))
                        .withRequestBody(containing("refresh_token=refresh-" + TOKEN)));

        // the next call uses the refreshed token without asking again
        STUB.stubFor(rpc("files/list_folder", "sl.fresh")
                .willReturn(json("{\"entries\":[],\"cursor\":\"c\",\"has_more\":false}")));
        assertThat(run("dropbox.list_folder", Map.of()).status()).isEqualTo(200);
        STUB.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token")));
    }

    @Test
    void aTokenAnotherCallerAlreadyReplacedIsNotRefreshedAgain() {
        // the refused token is no longer the stored one: the stored one is the answer, no token request
        var credentials = connectors.context(user.workspaceId(), connection).credentials();
        assertThat(credentials.refreshAccessToken("sl.an-older-token")).isEqualTo(TOKEN);
        STUB.verify(0, postRequestedFor(urlPathEqualTo("/oauth2/token")));
        // one request for the contract check after the test
        STUB.stubFor(rpc("users/get_current_account").willReturn(json(ACCOUNT)));
        users.as(user).post("/api/v1/connections/" + connection + "/test", null);
    }

    @Test
    void aRefreshedTokenThatIsRefusedTooNeedsReconnecting() {
        STUB.stubFor(
                rpc("files/list_folder").willReturn(error(401, "expired_access_token/..", "expired_access_token")));
        tokenEndpointGives("sl.also-refused");
        var r = run("dropbox.list_folder", Map.of());
        assertThat(r.status()).isEqualTo(424);
        assertThat(r.body())
                .contains("expired_access_token")
                .doesNotContain(TOKEN)
                .doesNotContain("sl.also-refused");
        STUB.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token")));
    }

    @Test
    void anInvalidTokenNeedsReconnectingWithoutARefresh() {
        STUB.stubFor(
                rpc("files/list_folder").willReturn(error(401, "invalid_access_token/..", "invalid_access_token")));
        var r = run("dropbox.list_folder", Map.of());
        assertThat(r.status()).isEqualTo(424);
        STUB.verify(0, postRequestedFor(urlPathEqualTo("/oauth2/token")));
        assertThat(users.as(user)
                        .get("/api/v1/connections/" + connection)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("needs_reconnect");
    }

    @Test
    void theAuthorizeUrlAsksForOfflineAccessWithPkce() {
        var start = users.as(user).get("/api/v1/connections/oauth/dropbox/start");
        Map<String, String> q = query(start.header("Location"));
        assertThat(start.header("Location")).startsWith("https://www.dropbox.com/oauth2/authorize?");
        assertThat(q)
                .containsEntry("token_access_type", "offline")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", "atom-dropbox-test")
                .containsKey("state");
        assertThat(q.get("scope")).contains("files.content.write");
        // one request for the contract check after the test
        STUB.stubFor(rpc("users/get_current_account").willReturn(json(ACCOUNT)));
        users.as(user).post("/api/v1/connections/" + connection + "/test", null);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
