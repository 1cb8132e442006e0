package dev.atom.ai.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** How an adapter fails: every error status, Retry-After, context length, timeouts, resets, bad bodies. */
abstract class ProviderFailureContract extends ProviderContractBase {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "400, permanent, bad_request",
        "401, permanent, invalid_api_key",
        "403, permanent, permission_denied",
        "404, permanent, model_not_found",
        "429, retriable, rate_limited",
        "500, retriable, server_error",
        "502, retriable, server_error",
        "503, retriable, server_error",
        "504, retriable, server_error",
        "529, retriable, overloaded"
    })
    void errorStatuses_areClassified(int status, String kind, String code) {
        wm.stubFor(
                chatCall().willReturn(errorAnswer(status, errorBody(status, "Something went wrong (" + status + ")"))));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e)
                            .isInstanceOf(
                                    kind.equals("retriable")
                                            ? ProviderException.Retriable.class
                                            : ProviderException.Permanent.class);
                    assertThat(e).isNotInstanceOf(ProviderException.ContextTooLong.class);
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains("Something went wrong (" + status + ")");
                });
    }

    @Test
    void errorBeforeTheFirstChunk_isThrownByStream() {
        wm.stubFor(streamCall().willReturn(errorAnswer(503, errorBody(503, "Service unavailable"))));
        List<ObjectNode> chunks = new ArrayList<>();

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunks::add))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.status()).isEqualTo(503));
        assertThat(chunks).isEmpty();
    }

    @Test
    void rateLimit_retryAfterSeconds() {
        wm.stubFor(chatCall()
                .willReturn(
                        errorAnswer(429, errorBody(429, "Rate limit reached")).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void rateLimit_retryAfterHttpDate() {
        wm.stubFor(chatCall()
                .willReturn(errorAnswer(429, errorBody(429, "Rate limit reached"))
                        .withHeader("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void contextTooLong() {
        wm.stubFor(chatCall().willReturn(errorAnswer(400, contextTooLongBody())));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.ContextTooLong.class, e -> {
                    assertThat(e.code()).isEqualTo("context_length_exceeded");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void keyEchoedByTheProvider_neverReachesTheMessage() {
        wm.stubFor(chatCall()
                .willReturn(errorAnswer(401, errorBody(401, "Incorrect API key provided: " + apiKey() + "."))));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_api_key");
                    assertThat(e.getMessage())
                            .doesNotContain(apiKey())
                            .doesNotContain(apiKey().substring(0, 12))
                            .contains("Incorrect API key provided");
                    assertThat(credentials().toString()).doesNotContain(apiKey());
                });
    }

    String apiKey() {
        return KEY;
    }

    @Test
    void timeout_beforeTheAnswer() {
        wm.stubFor(chatCall().willReturn(jsonAnswer(plainAnswer()).withFixedDelay(2_500)));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("timeout");
                    assertThat(e.status()).isZero();
                });
        awaitServed();
    }

    @Test
    void timeout_whenTheBodyStallsAfterTheHeaders() {
        wm.stubFor(chatCall().willReturn(jsonAnswer(plainAnswer()).withChunkedDribbleDelay(2, 3_000)));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("timeout"));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        awaitServed();
    }

    @Test
    void timeout_whenTheStreamStalls() {
        wm.stubFor(streamCall().willReturn(sseAnswer(streamedAnswer()).withChunkedDribbleDelay(2, 3_000)));

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunk -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("timeout"));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void connectionReset() {
        wm.stubFor(chatCall().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("connection_reset"));
    }

    @Test
    void connectionReset_whileStreaming() {
        wm.stubFor(streamCall().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunk -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("connection_reset"));
    }

    @Test
    void unreachable() {
        ProviderCredentials nowhere = credentials(URI.create("http://127.0.0.1:1" + basePath()));

        assertThatThrownBy(() -> adapter.chat(nowhere, plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("unreachable"));
    }

    @Test
    void malformedBody() {
        wm.stubFor(chatCall().willReturn(jsonAnswer("{\"choices\": [ this is not json")));

        assertThatThrownBy(() -> adapter.chat(credentials(), plainRequest()))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_response"));
    }

    @Test
    void malformedStreamEvent() {
        wm.stubFor(streamCall().willReturn(sseAnswer("data: {not json\n\n")));

        assertThatThrownBy(() -> adapter.stream(credentials(), plainRequest(), chunk -> {}))
                .isInstanceOfSatisfying(
                        ProviderException.Retriable.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_response"));
    }
}
