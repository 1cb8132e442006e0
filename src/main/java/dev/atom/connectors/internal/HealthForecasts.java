package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The health of a workspace's connections as the page, the API and the briefing show it: the stored status, the
 * forecast end of the sign-in ({@link ExpiryForecast}) and whether it "needs attention soon" (ends within
 * {@code atom.connectors.health.warn-before}), and when the next scheduled check is due. Thread-safe
 * (stateless).
 */
@Component
class HealthForecasts {
    static final String OK = "ok";
    static final String ATTENTION = "attention";

    /** {@code state}: ok, attention, needs_reconnect or error; {@code expiresAt}/{@code why} when forecast. */
    record View(String state, Instant expiresAt, String why, Instant nextCheckAt) {}

    private final ConnectionRepository connections;
    private final ConnectorRegistry registry;
    private final OAuthAppRepository apps;
    private final CredentialHealthProperties properties;

    HealthForecasts(
            ConnectionRepository connections,
            ConnectorRegistry registry,
            OAuthAppRepository apps,
            CredentialHealthProperties properties) {
        this.connections = connections;
        this.registry = registry;
        this.apps = apps;
        this.properties = properties;
    }

    /** The views of {@code list} (connections of one workspace), by connection id. */
    Map<String, View> views(String workspaceId, List<Connection> list, Instant now) {
        if (list.isEmpty()) {
            return Map.of();
        }
        Map<String, ConnectionRepository.TokenAges> ages = connections.tokenAges(workspaceId);
        Map<String, Instant> due = connections.healthDue(workspaceId);
        Set<String> testing = testingApps(workspaceId);
        Map<String, View> out = new HashMap<>();
        for (Connection c : list) {
            out.put(
                    c.id(),
                    view(
                            c,
                            ages.getOrDefault(c.id(), ConnectionRepository.TokenAges.NONE),
                            testing,
                            due.get(c.id()),
                            now));
        }
        return out;
    }

    /** The forecast of one connection (for the scheduled check), if its sign-in is known to end. */
    java.util.Optional<ExpiryForecast.Forecast> forecast(Connection c) {
        var ages = connections.tokenAges(c.workspaceId()).getOrDefault(c.id(), ConnectionRepository.TokenAges.NONE);
        return ExpiryForecast.of(c, oauth(c), ages, testingApps(c.workspaceId()).contains(c.connector()));
    }

    /** Whether a forecast end is close enough to tell the owner now. */
    boolean soon(ExpiryForecast.Forecast forecast, Instant now) {
        return !forecast.at().isAfter(now.plus(properties.warnBefore()));
    }

    private View view(
            Connection c, ConnectionRepository.TokenAges ages, Set<String> testing, Instant nextCheck, Instant now) {
        var forecast = ExpiryForecast.of(c, oauth(c), ages, testing.contains(c.connector()));
        String state = switch (c.status()) {
            case NEEDS_RECONNECT -> "needs_reconnect";
            case ERROR -> "error";
            case CONNECTED -> forecast.filter(f -> soon(f, now)).isPresent() ? ATTENTION : OK;
        };
        return new View(
                state,
                forecast.map(ExpiryForecast.Forecast::at).orElse(null),
                forecast.map(ExpiryForecast.Forecast::why).orElse(null),
                nextCheck);
    }

    private AuthSpec.OAuth2 oauth(Connection c) {
        return registry.connector(c.connector()).flatMap(Connector::oauth2).orElse(null);
    }

    private Set<String> testingApps(String workspaceId) {
        return apps.list(workspaceId).stream()
                .filter(OAuthApp::testing)
                .map(OAuthApp::connector)
                .collect(Collectors.toSet());
    }
}
