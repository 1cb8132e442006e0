package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a connection's sign-in will end by itself, where that can be known: the refresh token's end when the
 * provider said ({@code refresh_token_expires_in}); the providers' documented lifetimes (Google: 7 days from
 * consent for apps in "Testing", 6 months unused; Microsoft: 90 days unused); an access token's {@code expires_at}
 * when there is no refresh token. The earliest wins. Stateless; the provider is told by the connector's declared
 * token URL's host, so a new Google or Microsoft connector is covered without an edit here.
 */
final class ExpiryForecast {
    static final Duration GOOGLE_TESTING = Duration.ofDays(7);
    static final Duration GOOGLE_UNUSED = Duration.ofDays(180);
    static final Duration MICROSOFT_UNUSED = Duration.ofDays(90);

    /** The forecast end of the sign-in and why it ends then. */
    record Forecast(Instant at, String why) {}

    private ExpiryForecast() {}

    static Optional<Forecast> of(
            Connection c, AuthSpec.OAuth2 auth, ConnectionRepository.TokenAges ages, boolean testingApp) {
        if (auth == null || !"oauth2".equals(c.authKind())) {
            return Optional.empty();
        }
        List<Forecast> candidates = new ArrayList<>();
        if (c.refreshTokenSecretId() == null) {
            if (c.tokenExpiresAt() != null) {
                candidates.add(new Forecast(
                        c.tokenExpiresAt(), "its access token ends then and the service gave no refresh token"));
            }
        } else {
            if (ages.refreshExpiresAt() != null) {
                candidates.add(new Forecast(ages.refreshExpiresAt(), "the service said the sign-in ends then"));
            }
            String host = host(auth.tokenUrl());
            if (host.endsWith("googleapis.com") || host.endsWith("google.com")) {
                if (testingApp && ages.refreshIssuedAt() != null) {
                    candidates.add(new Forecast(
                            ages.refreshIssuedAt().plus(GOOGLE_TESTING),
                            "Google ends sign-ins to apps in Testing after 7 days"));
                }
                if (ages.refreshUsedAt() != null) {
                    candidates.add(new Forecast(
                            ages.refreshUsedAt().plus(GOOGLE_UNUSED),
                            "Google ends refresh tokens unused for 6 months"));
                }
            } else if (host.equals("login.microsoftonline.com")) {
                if (ages.refreshUsedAt() != null) {
                    candidates.add(new Forecast(
                            ages.refreshUsedAt().plus(MICROSOFT_UNUSED),
                            "Microsoft ends refresh tokens unused for 90 days"));
                }
            }
        }
        return candidates.stream().min(Comparator.comparing(Forecast::at));
    }

    private static String host(String url) {
        try {
            String host = url == null ? null : URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
