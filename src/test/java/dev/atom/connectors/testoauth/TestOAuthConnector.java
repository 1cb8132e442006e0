package dev.atom.connectors.testoauth;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Health;
import dev.atom.connectors.Schema;
import dev.atom.shared.net.GuardedHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test-only OAuth 2.0 connector (component-scanned from the test classpath) for the flow tests against
 * mock-oauth2-server: its endpoints are the operator overrides ({@code ATOM_TESTOAUTH_*_URL}, set by the
 * test), its base URL is the mock issuer, and its health check and one action call the issuer's userinfo
 * endpoint with the access token, so a wrong or expired token fails for real.
 */
@Component
class TestOAuthConnector implements Connector {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Input(@Schema(description = "Ignored") String note) {}

    record Output(String subject) {}

    private final Action<Input, Output> whoami = new Action<>() {
        @Override
        public String id() {
            return "testoauth.whoami";
        }

        @Override
        public String name() {
            return "Who am I";
        }

        @Override
        public String description() {
            return "Answers with the subject the access token belongs to.";
        }

        @Override
        public Class<Input> inputType() {
            return Input.class;
        }

        @Override
        public Class<Output> outputType() {
            return Output.class;
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public Idempotency idempotency() {
            return Idempotency.NATURAL;
        }

        @Override
        public Output execute(ActionContext context, Input input) {
            return new Output(subject(context));
        }
    };

    @Override
    public String id() {
        return "testoauth";
    }

    @Override
    public String name() {
        return "Test OAuth service";
    }

    @Override
    public List<String> categories() {
        return List.of("testing");
    }

    @Override
    public AuthSpec auth() {
        // unreachable defaults: every test sets ATOM_TESTOAUTH_AUTHORIZE_URL, _TOKEN_URL and _REVOKE_URL
        return new AuthSpec.OAuth2(
                "http://127.0.0.1:9/authorize", "http://127.0.0.1:9/token", List.of("openid", "profile"), true, null);
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(whoami);
    }

    @Override
    public Health check(ActionContext context) {
        return Health.ok(subject(context));
    }

    private static String subject(ActionContext context) {
        var request = new GuardedHttpClient.Request(
                "GET",
                context.baseUrl() + "/userinfo",
                List.of(Map.entry(
                        "Authorization", "Bearer " + context.credentials().accessToken())),
                null,
                Duration.ofSeconds(10),
                1 << 16,
                false);
        var response = context.http().checked(context.http().send(request));
        return JSON.readTree(response.body()).path("sub").asString();
    }
}
