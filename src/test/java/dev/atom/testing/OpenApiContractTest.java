package dev.atom.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract helper itself: it passes what the API accepts and fails, naming why, on what it does not. */
class OpenApiContractTest {
    private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        wm.start();
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void send(String method, String path, String contentType, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(wm.baseUrl() + path));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        client.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void acceptsAValidRequestUnderAMountPrefix() throws Exception {
        send("POST", "/api/v3/repos/acme/app/issues", "application/json", "{\"title\":\"t\",\"labels\":[\"bug\"]}");
        assertThatCode(() -> OpenApiContract.of("github-issues.json").assertRequestsValid(wm, "/api/v3"))
                .doesNotThrowAnyException();
    }

    @Test
    void failsOnAMissingFieldAWrongTypeAndAnUnknownPath() throws Exception {
        send("POST", "/repos/acme/app/issues", "application/json", "{\"body\":\"no title\"}");
        send("PATCH", "/repos/acme/app/issues/7", "application/json", "{\"state\":\"shut\"}");
        send("GET", "/repos/acme/app/tickets", null, null);
        assertThatThrownBy(() -> OpenApiContract.of("github-issues.json").assertRequestsValid(wm))
                .hasMessageContaining("POST /repos/acme/app/issues")
                .hasMessageContaining("title")
                .hasMessageContaining("PATCH /repos/acme/app/issues/7")
                .hasMessageContaining("shut")
                .hasMessageContaining("GET /repos/acme/app/tickets");
    }

    @Test
    void slackFormValuesKeepTheirTextButATypeErrorStillFails() throws Exception {
        var slack = OpenApiContract.subset(
                "slack-web-subset.json",
                Map.of("DROP_HEADER_PARAMS", "token", OpenApiContract.DROP_PARAMS, "token"),
                "*");
        send(
                "POST",
                "/api/chat.postMessage",
                "application/x-www-form-urlencoded",
                "channel=C1&text=hi&thread_ts=1700000000.000100");
        assertThatCode(() -> slack.assertRequestsValid(wm)).doesNotThrowAnyException();
        wm.resetRequests();
        send("POST", "/api/chat.postMessage", "application/x-www-form-urlencoded", "text=no+channel");
        assertThatThrownBy(() -> slack.assertRequestsValid(wm)).hasMessageContaining("channel");
    }

    @Test
    void failsWhenNothingWasSentOrTheSpecIsMissing() {
        assertThatThrownBy(() -> OpenApiContract.of("github-issues.json").assertRequestsValid(wm))
                .hasMessageContaining("no request reached the stub");
        assertThatThrownBy(() -> OpenApiContract.of("no-such-service.json"))
                .hasMessageContaining("no-such-service.json is missing");
    }
}
