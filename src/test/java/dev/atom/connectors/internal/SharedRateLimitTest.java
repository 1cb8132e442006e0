package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.shared.Ids;
import dev.atom.shared.net.GuardedHttpClient;
import dev.atom.testing.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rate limit one instance learns holds back the others on the same database: two RateLimiters (as two
 * instances would have) over one connections table, on SQLite and PostgreSQL.
 */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class SharedRateLimitTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Parameter
    TestDatabase db;

    private ConnectionRepository repo;
    private Connection connection;

    @BeforeEach
    void setUp() {
        repo = new ConnectionRepository(db.jdbc());
        connection = new Connection(
                Ids.newId(),
                Ids.newId(),
                "slack",
                "Team",
                ConnectionStatus.CONNECTED,
                null,
                null,
                "secret-1",
                null,
                null,
                null,
                0,
                "user-1",
                T0,
                T0,
                null);
        repo.insert(connection);
    }

    private static GuardedHttpClient.Response answer(int status, Map<String, List<String>> headers) {
        return new GuardedHttpClient.Response(status, headers, new byte[0], false, URI.create("https://x.test/"));
    }

    @Test
    void aRetryAfterSeenByOneInstanceBlocksTheOther() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        RateLimiters first = new RateLimiters(clock, repo);
        RateLimiters second = new RateLimiters(clock, repo);
        second.forConnection(connection.id()).acquire(); // nothing blocks yet

        first.forConnection(connection.id()).observe(answer(429, Map.of("retry-after", List.of("60"))));

        assertThat(repo.blockedUntil(connection.id())).contains(T0.plusSeconds(60));
        RateLimiters third = new RateLimiters(clock, repo);
        assertThatThrownBy(() -> third.forConnection(connection.id()).acquire())
                .isInstanceOfSatisfying(
                        ConnectorException.Retriable.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));
    }

    @Test
    void anEarlierBlockNeverShortensALaterOne() {
        repo.blockUntil(connection.id(), T0.plusSeconds(100));
        repo.blockUntil(connection.id(), T0.plusSeconds(10));
        assertThat(repo.blockedUntil(connection.id())).contains(T0.plusSeconds(100));
        assertThat(repo.blockedUntil("no-such-connection")).isEmpty();
    }
}
