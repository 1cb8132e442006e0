package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.AuthSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expiry forecast at fixed instants: the providers' documented lifetimes and what the provider said. */
class ExpiryForecastTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final AuthSpec.OAuth2 GOOGLE = new AuthSpec.OAuth2(
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token",
            List.of(),
            true,
            null);
    private static final AuthSpec.OAuth2 MICROSOFT = new AuthSpec.OAuth2(
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            "https://login.microsoftonline.com/common/oauth2/v2.0/token",
            List.of(),
            true,
            null);
    private static final AuthSpec.OAuth2 OTHER =
            new AuthSpec.OAuth2("https://example.com/authorize", "https://example.com/token", List.of(), true, null);

    private static Connection oauth(String refreshSecret, Instant accessExpires) {
        return new Connection(
                "c1",
                "ws",
                "gmail",
                "Mail",
                ConnectionStatus.CONNECTED,
                null,
                null,
                null,
                "access",
                refreshSecret,
                accessExpires,
                0,
                "u1",
                T0,
                T0,
                T0);
    }

    @Test
    void googleAppsInTestingEndSevenDaysAfterConsentOthersAfterSixMonthsUnused() {
        Instant usedLater = T0.plus(Duration.ofDays(2));
        var ages = new ConnectionRepository.TokenAges(T0, usedLater, null, null);

        var testing = ExpiryForecast.of(oauth("refresh", T0.plusSeconds(3600)), GOOGLE, ages, true);
        assertThat(testing).hasValueSatisfying(f -> {
            assertThat(f.at()).isEqualTo(T0.plus(Duration.ofDays(7)));
            assertThat(f.why()).contains("Testing", "7 days");
        });
        var published = ExpiryForecast.of(oauth("refresh", T0.plusSeconds(3600)), GOOGLE, ages, false);
        assertThat(published)
                .hasValueSatisfying(f -> assertThat(f.at()).isEqualTo(usedLater.plus(Duration.ofDays(180))));
    }

    @Test
    void microsoftRefreshTokensEndNinetyDaysAfterTheirLastUse() {
        Instant used = T0.plus(Duration.ofDays(30));
        var forecast = ExpiryForecast.of(
                oauth("refresh", null), MICROSOFT, new ConnectionRepository.TokenAges(T0, used, null, null), false);
        assertThat(forecast).hasValueSatisfying(f -> {
            assertThat(f.at()).isEqualTo(used.plus(Duration.ofDays(90)));
            assertThat(f.why()).contains("Microsoft", "90 days");
        });
    }

    @Test
    void whatTheProviderSaidWinsWhenEarlierAndAnAccessTokenAloneEndsWithIt() {
        Instant said = T0.plus(Duration.ofDays(3));
        var ages = new ConnectionRepository.TokenAges(T0, T0, said, null);
        assertThat(ExpiryForecast.of(oauth("refresh", null), GOOGLE, ages, true))
                .hasValueSatisfying(f -> assertThat(f.at()).isEqualTo(said));
        assertThat(ExpiryForecast.of(oauth("refresh", null), OTHER, ConnectionRepository.TokenAges.NONE, false))
                .as("nothing known: no forecast")
                .isEmpty();
        Instant accessEnds = T0.plus(Duration.ofHours(8));
        assertThat(ExpiryForecast.of(oauth(null, accessEnds), OTHER, ConnectionRepository.TokenAges.NONE, false))
                .hasValueSatisfying(f -> {
                    assertThat(f.at()).isEqualTo(accessEnds);
                    assertThat(f.why()).contains("no refresh token");
                });
        Connection key = new Connection(
                "c2",
                "ws",
                "github",
                "Key",
                ConnectionStatus.CONNECTED,
                null,
                null,
                "s",
                null,
                null,
                null,
                0,
                "u1",
                T0,
                T0,
                T0,
                "api_key");
        assertThat(ExpiryForecast.of(key, OTHER, ages, false))
                .as("a pasted token")
                .isEmpty();
    }
}
