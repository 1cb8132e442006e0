package dev.atom.connectors.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graph's error answers as Atom reports them: 401 needs reconnecting, throttling (429, 503, 504) is retriable
 * and keeps Retry-After, a missing item or a refused parameter names the input field, other refusals carry
 * Graph's code and message.
 */
class OutlookErrorsTest extends OutlookTestBase {

    private void answer(String id, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/messages/" + id)).willReturn(response));
    }

    @Test
    void anInvalidTokenMarksTheConnectionForReconnecting() {
        answer("m1", error(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."));
        var r = run("outlook.read_mail", Map.of("messageId", "m1"));
        assertThat(r.status()).isEqualTo(424);
        var c = users.as(user).get("/api/v1/connections/" + connectionId);
        assertThat(c.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(c.json().get("statusReason").asString())
                .contains("Lifetime validation failed")
                .contains("InvalidAuthenticationToken")
                .doesNotContain(TOKEN);
    }

    @Test
    void throttlingIsRetriableHonoursRetryAfterAndHoldsBackTheNextCall() {
        answer(
                "busy",
                error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.")
                        .withHeader("Retry-After", "17"));
        var busy = run("outlook.read_mail", Map.of("messageId", "busy"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("17");
        assertThat(busy.json().get("serviceStatus").asInt()).isEqualTo(429);
        assertThat(busy.json().get("detail").asString())
                .contains("throttling")
                .contains("MailboxConcurrency")
                .contains("ApplicationThrottled");
        // The connection's limiter learnt the Retry-After: the next call waits without reaching Graph.
        var next = run("outlook.read_mail", Map.of("messageId", "other"));
        assertThat(next.status()).isEqualTo(503);
        assertThat(Integer.parseInt(next.header("Retry-After"))).isBetween(11, 17);
        WM.verify(0, getRequestedFor(urlPathEqualTo(V1 + "/me/messages/other")));
    }

    @Test
    void serviceUnavailableWithRetryAfterIsRetriableLater() {
        answer("down", error(503, "ServiceUnavailable", "Service Unavailable").withHeader("Retry-After", "30"));
        var down = run("outlook.read_mail", Map.of("messageId", "down"));
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("30");
        assertThat(down.json().get("serviceStatus").asInt()).isEqualTo(503);
    }

    @Test
    void aGatewayTimeoutIsRetriable() {
        answer("slow", error(504, "GatewayTimeout", "Gateway Timeout"));
        var slow = run("outlook.read_mail", Map.of("messageId", "slow"));
        assertThat(slow.status()).isEqualTo(502);
        assertThat(slow.json().get("serviceStatus").asInt()).isEqualTo(504);
        assertThat(slow.json().get("detail").asString()).isEqualTo("Gateway Timeout (GatewayTimeout)");
    }

    @Test
    void aMissingMessageAndARefusedFilterNameTheField() {
        answer("gone", error(404, "ErrorItemNotFound", "The specified object was not found in the store."));
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/messages"))
                .willReturn(error(400, "BadRequest", "Invalid filter clause: syntax error at position 7.")));
        var gone = run("outlook.read_mail", Map.of("messageId", "gone"));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.json().get("detail").asString()).isEqualTo("messageId: the message was not found");
        assertThat(gone.json().get("field").asString()).isEqualTo("input.messageId");
        var filter = run("outlook.search_mail", Map.of("filter", "isRead eq"));
        assertThat(filter.status()).isEqualTo(422);
        assertThat(filter.json().get("detail").asString()).startsWith("filter was refused: Invalid filter clause");
    }

    @Test
    void otherRefusalsArePermanentWithGraphsMessage() {
        answer("secret", error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));
        var r = run("outlook.read_mail", Map.of("messageId", "secret"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("serviceStatus").asInt()).isEqualTo(403);
        assertThat(r.json().get("detail").asString())
                .isEqualTo("Access is denied. Check credentials and try again. (ErrorAccessDenied)");
        var c = users.as(user).get("/api/v1/connections/" + connectionId);
        assertThat(c.json().get("status").asString()).isEqualTo("connected");
    }
}
