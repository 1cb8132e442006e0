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
 * Keys starting with "good" are accepted; "revoked" ones need reconnecting.
 */
@Component
class TestKeyConnector implements Connector {
    record Input(
            @Schema(description = "What to do: echo, busy, refuse or revoke")
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
            String key = context.credentials().require("api_key");
            return switch (input.mode()) {
                case "busy" -> throw new ConnectorException.Retriable(429, "slow down", Duration.ofSeconds(7));
                case "down" -> throw new ConnectorException.Retriable(502, "the service is down", null);
                case "refuse" -> throw new ConnectorException.Permanent(404, "no such channel: #nowhere");
                case "revoke" -> throw new ConnectorException.NeedsReconnect("the key was revoked at the service");
                default -> new Output(key.length(), context.credentials().require("account"));
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
    public List<Action<?, ?>> actions() {
        return List.of(echo);
    }

    @Override
    public Health check(ActionContext context) {
        String key = context.credentials().require("api_key");
        if (!key.startsWith("good")) {
            throw new ConnectorException.NeedsReconnect("the service rejected the key");
        }
        return Health.ok(context.credentials().require("account"));
    }
}
