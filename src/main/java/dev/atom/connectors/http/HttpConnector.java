package dev.atom.connectors.http;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The generic HTTP connector: no credentials of its own (headers carry whatever the user puts in them), one
 * action, {@code http.request}, through the SSRF guard. Its health check has nothing to call and says so.
 */
@Component
class HttpConnector extends BaseConnector {
    private final HttpRequestAction request = new HttpRequestAction();

    HttpConnector() {
        super("http", "HTTP request", null, List.of("developer", "core"), new AuthSpec.None());
    }

    @Override
    public String icon() {
        return "globe";
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
