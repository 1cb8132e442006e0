package dev.atom.connectors.testoauth;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Health;
import java.util.List;
import org.springframework.stereotype.Component;

/** A test-only OAuth connector no test configures a client for: connecting it must say what to set. */
@Component
class UnconfiguredOAuthConnector implements Connector {
    @Override
    public String id() {
        return "testoauth-unset";
    }

    @Override
    public String name() {
        return "Unconfigured OAuth service";
    }

    @Override
    public List<String> categories() {
        return List.of("testing");
    }

    @Override
    public AuthSpec auth() {
        return new AuthSpec.OAuth2(
                "http://127.0.0.1:9/authorize",
                "http://127.0.0.1:9/token",
                List.of("read"),
                true,
                null,
                AuthSpec.ClientAuth.CLIENT_SECRET_POST);
    }

    @Override
    public List<dev.atom.connectors.Action<?, ?>> actions() {
        return List.of();
    }

    @Override
    public Health check(ActionContext context) {
        return Health.ok(null);
    }
}
