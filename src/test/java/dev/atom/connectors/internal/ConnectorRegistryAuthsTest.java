package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Health;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The registry refuses connectors whose ways to connect a connection could not tell apart. */
class ConnectorRegistryAuthsTest {
    private static final AuthSpec KEY = new AuthSpec.ApiKey(List.of(AuthSpec.CredentialField.secret("k", "Key")));
    private static final AuthSpec OTHER_KEY =
            new AuthSpec.ApiKey("Other", List.of(AuthSpec.CredentialField.secret("t", "Token")));

    private static Connector offering(AuthSpec preferred, List<AuthSpec> all) {
        return new Connector() {
            @Override
            public String id() {
                return "ways";
            }

            @Override
            public String name() {
                return "Ways";
            }

            @Override
            public List<String> categories() {
                return List.of();
            }

            @Override
            public AuthSpec auth() {
                return preferred;
            }

            @Override
            public List<AuthSpec> auths() {
                return all;
            }

            @Override
            public List<Action<?, ?>> actions() {
                return List.of();
            }

            @Override
            public Health check(ActionContext context) {
                return Health.ok(null);
            }
        };
    }

    @Test
    void thePreferredWayComesFirstAndEachKindOnce() {
        assertThatCode(() -> new ConnectorRegistry(
                        List.of(offering(KEY, List.of(KEY, new AuthSpec.Basic()))), new MockEnvironment()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new ConnectorRegistry(
                        List.of(offering(KEY, List.of(new AuthSpec.Basic(), KEY))), new MockEnvironment()))
                .hasMessageContaining("must start with auth()");
        assertThatThrownBy(() ->
                        new ConnectorRegistry(List.of(offering(KEY, List.of(KEY, OTHER_KEY))), new MockEnvironment()))
                .hasMessageContaining("two ways of one auth kind");
    }
}
