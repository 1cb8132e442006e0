package dev.atom.connectors.http;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Health;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The generic HTTP connector: no credentials of its own (headers carry whatever the user puts in them), one
 * action, {@code http.request}, through the SSRF guard. Its health check has nothing to call and says so.
 */
@Component
class HttpConnector implements Connector {
    private final HttpRequestAction request = new HttpRequestAction();

    @Override
    public String id() {
        return "http";
    }

    @Override
    public String name() {
        return "HTTP request";
    }

    @Override
    public String icon() {
        return "globe";
    }

    @Override
    public List<String> categories() {
        return List.of("developer", "core");
    }

    @Override
    public AuthSpec auth() {
        return new AuthSpec.None();
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(request);
    }

    @Override
    public Health check(ActionContext context) {
        return new Health(null, "no credentials to check: each request names its own URL");
    }
}
