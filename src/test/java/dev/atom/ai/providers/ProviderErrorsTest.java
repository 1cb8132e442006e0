package dev.atom.ai.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void scrub_removesTheKeyAndKeyShapedTokens() {
        String message =
                "Incorrect API key provided: sk-proj-abc***************************wxyz. Also AIzaSyD-1234567890abcdefghijkl"
                        + " and my-secret-key-value";

        String scrubbed = ProviderErrors.scrub(message, "my-secret-key-value");

        assertThat(scrubbed)
                .doesNotContain("sk-proj")
                .doesNotContain("AIza")
                .doesNotContain("my-secret-key-value")
                .startsWith("Incorrect API key provided: [redacted]");
    }

    @Test
    void scrub_keepsOrdinaryMessagesAndCapsTheLength() {
        assertThat(ProviderErrors.scrub("The model `gpt-4o-mini` does not exist", "sk-x"))
                .isEqualTo("The model `gpt-4o-mini` does not exist");
        assertThat(ProviderErrors.scrub("word ".repeat(300), null)).hasSize(503);
    }

    @Test
    void retryAfter_secondsDecimalsDatesAndJunk() {
        assertThat(ProviderErrors.parseRetryAfter("7", CLOCK)).isEqualTo(Duration.ofSeconds(7));
        assertThat(ProviderErrors.parseRetryAfter("1.5", CLOCK)).isEqualTo(Duration.ofMillis(1500));
        assertThat(ProviderErrors.parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", CLOCK))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(ProviderErrors.parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", CLOCK))
                .isEqualTo(Duration.ZERO);
        assertThat(ProviderErrors.parseRetryAfter("soon", CLOCK)).isNull();
    }
}
