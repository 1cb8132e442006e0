package dev.atom.connectors.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.ConnectorException;
import dev.atom.shared.net.GuardedHttpClient;
import dev.atom.shared.net.SsrfGuard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint client against WireMock: client_secret_post puts the credentials in the form (and no
 * Authorization header), answers map to tokens or to refusals that carry the RFC 6749 code and no secret.
 */
class TokenEndpointTest {
    static WireMockServer server;
    static GuardedHttpClient http;

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        http = new GuardedHttpClient(SsrfGuard.of("localhost,127.0.0.1"), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        http.close();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private AuthSpec.OAuth2 auth(AuthSpec.ClientAuth clientAuth) {
        return new AuthSpec.OAuth2("http://x/authorize", "http://x/token", List.of("read"), true, null, clientAuth);
    }

    private ConnectorSettings settings() {
        String base = "http://127.0.0.1:" + server.port();
        return new ConnectorSettings(
                base, base + "/authorize", base + "/token", base + "/revoke", "the-id", "the-secret");
    }

    @Test
    void clientSecretPostSendsTheCredentialsInTheForm() {
        server.stubFor(post(urlEqualTo("/token"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"expires_in\":\"3599\","
                                + "\"scope\":\"read\",\"token_type\":\"Bearer\"}")));
        var endpoint = new TokenEndpoint(http);

        var tokens = endpoint.refresh(auth(AuthSpec.ClientAuth.CLIENT_SECRET_POST), settings(), "rt-0");

        assertThat(tokens.accessToken()).isEqualTo("at-1");
        assertThat(tokens.refreshToken()).isEqualTo("rt-1");
        assertThat(tokens.expiresIn()).isEqualTo(3599L);
        assertThat(tokens.toString()).doesNotContain("at-1", "rt-1");
        server.verify(postRequestedFor(urlEqualTo("/token"))
                .withHeader("Authorization", absent())
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=rt-0"))
                .withRequestBody(containing("client_id=the-id"))
                .withRequestBody(containing("client_secret=the-secret")));
    }

    @Test
    void refusalsCarryTheErrorCodeAndOutagesAreRetriable() {
        server.stubFor(post(urlEqualTo("/token"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been revoked\"}")));
        var endpoint = new TokenEndpoint(http);
        var auth = auth(AuthSpec.ClientAuth.CLIENT_SECRET_BASIC);

        assertThatThrownBy(() -> endpoint.refresh(auth, settings(), "rt-secret-value"))
                .isInstanceOfSatisfying(
                        TokenEndpoint.Refused.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"))
                .message()
                .doesNotContain("rt-secret-value", "the-secret");

        server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> endpoint.refresh(auth, settings(), "rt"))
                .isInstanceOf(ConnectorException.Retriable.class);

        server.stubFor(post(urlEqualTo("/token"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}")));
        assertThatThrownBy(() -> endpoint.refresh(auth, settings(), "rt"))
                .isInstanceOf(ConnectorException.Permanent.class)
                .hasMessageContaining("no access_token");
    }

    @Test
    void revocationFollowsRfc7009() {
        server.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
        new TokenEndpoint(http)
                .revoke(auth(AuthSpec.ClientAuth.CLIENT_SECRET_BASIC), settings(), "at-9", "access_token");
        server.verify(postRequestedFor(urlEqualTo("/revoke"))
                .withHeader("Authorization", equalTo("Basic dGhlLWlkOnRoZS1zZWNyZXQ="))
                .withRequestBody(equalTo("token=at-9&token_type_hint=access_token")));
    }
}
