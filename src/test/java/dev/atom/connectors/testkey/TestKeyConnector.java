package dev.atom.connectors.testkey;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.Connector;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Health;
import dev.atom.connectors.Schema;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A test-only API-key connector (component-scanned from the test classpath): lets the API, page and leak
 * tests exercise key validation, secret storage, needs_reconnect and error mapping without a real service.
 * Keys starting with "good" are accepted; "revoked" ones need reconnecting. It offers two ways to connect (a
 * key, or an account and password as basic auth) so choosing one can be tested.
 */
@Component
class TestKeyConnector implements Connector {
    record Input(
            @Schema(description = "What to do: echo, busy, refuse, missing or revoke")
            String mode) {}

    record Output(int keyLength, String account) {}

    private final Action<Input, Output> echo = new Action<>() {
        @Override
        public String id() {
            return "testkey.check_key";
        }

        @Override
        public String name() {
            return "Check the key";
        }

        /** Its name before a rename, so tests can prove an old id still resolves (ActionAliasTest). */
        @Override
        public List<String> aliases() {
            return List.of("testkey.verify_key");
        }

        @Override
        public String description() {
            return "Answers with the key's length, or fails as asked.";
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
            String key = key(context);
            return switch (input.mode()) {
                case "busy" -> throw new ConnectorException.Retriable(429, "slow down", Duration.ofSeconds(7));
                case "down" -> throw new ConnectorException.Retriable(502, "the service is down", null);
                case "refuse" -> throw new ConnectorException.Permanent(404, "no such channel: #nowhere");
                case "missing" -> throw new ConnectorException.NotFound("mode", "the channel #gone");
                case "revoke" -> throw new ConnectorException.NeedsReconnect("the key was revoked at the service");
                default -> new Output(key.length(), account(context));
            };
        }
    };

    @Override
    public String id() {
        return "testkey";
    }

    @Override
    public String name() {
        return "Test key service";
    }

    @Override
    public List<String> categories() {
        return List.of("testing");
    }

    @Override
    public AuthSpec auth() {
        return new AuthSpec.ApiKey(List.of(
                new CredentialField("api_key", "API key", true, true, "[a-z0-9-]{8,}", "Starts with good"),
                CredentialField.text("account", "Account name")));
    }

    @Override
    public List<AuthSpec> auths() {
        return List.of(
                auth(),
                new AuthSpec.Basic(
                        "Account and password",
                        List.of(
                                CredentialField.text("username", "Account name"),
                                CredentialField.secret("password", "Password"))));
    }

    private static boolean basic(ActionContext context) {
        return "basic".equals(context.credentials().kind());
    }

    private static String key(ActionContext context) {
        return context.credentials().require(basic(context) ? "password" : "api_key");
    }

    private static String account(ActionContext context) {
        return context.credentials().require(basic(context) ? "username" : "account");
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(echo);
    }

    @Override
    public Health check(ActionContext context) {
        if (!key(context).startsWith("good")) {
            throw new ConnectorException.NeedsReconnect("the service rejected the key");
        }
        return Health.ok(account(context));
    }
}
