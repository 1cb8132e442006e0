package dev.atom.connectors.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.internal.OAuthTestSupport.Browser;
import dev.atom.testing.StubbedServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GitHub offers a pasted token and OAuth: connecting through OAuth (mock-oauth2-server as GitHub's
 * authorization server, WireMock as its API) stores an oauth2 connection whose calls carry the access token.
 */
class GitHubOAuthConnectTest extends OAuthTestBase {

    @DynamicPropertySource
    static void github(DynamicPropertyRegistry registry) {
        StubbedServiceTestBase.stubbedServices(registry);
        registry.add(
                "ATOM_GITHUB_AUTHORIZE_URL",
                () -> SERVER.authorizationEndpointUrl("atom").toString());
        registry.add(
                "ATOM_GITHUB_TOKEN_URL", () -> SERVER.tokenEndpointUrl("atom").toString());
        registry.add("ATOM_GITHUB_CLIENT_ID", () -> CLIENT_ID);
        registry.add("ATOM_GITHUB_CLIENT_SECRET", () -> CLIENT_SECRET);
    }

    @Test
    void connectsGitHubThroughOAuthAndCallsItWithTheAccessToken() {
        var stub = StubbedServiceTestBase.STUB;
        stub.resetAll();
        stub.stubFor(get(urlPathEqualTo("/api/v3/user"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"login\":\"octocat\",\"id\":1}")));
        var ann = users.signUp("gina");
        Browser browser = Browser.signedIn(port, ann.email());

        Connected c = connect(ann, browser, "github", "?name=Work");

        assertThat(c.authorize()).containsEntry("scope", "repo read:user").containsKey("code_challenge");
        var connection =
                users.as(ann).get("/api/v1/connections/" + c.connectionId()).json();
        assertThat(connection.get("auth").asString()).isEqualTo("oauth2");
        assertThat(connection.get("status").asString()).isEqualTo("connected");
        assertThat(connection.get("account").asString()).isEqualTo("octocat");
        String access = accessToken(ann, c.connectionId());
        stub.verify(getRequestedFor(urlPathEqualTo("/api/v3/user"))
                .withHeader(
                        "Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + access)));
        assertThat(connections
                        .find(ann.workspaceId(), c.connectionId())
                        .orElseThrow()
                        .credentialsSecretId())
                .as("nothing pasted")
                .isNull();
    }
}
