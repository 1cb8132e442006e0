package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The connection and trigger-delivery repositories' contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class ConnectionRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private ConnectionRepository repo;
    private String ws;

    @BeforeEach
    void setUp() {
        repo = new ConnectionRepository(db.jdbc());
        ws = Ids.newId();
    }

    private Connection connection(String workspace, String name, Instant at) {
        return new Connection(
                Ids.newId(),
                workspace,
                "http",
                name,
                ConnectionStatus.CONNECTED,
                null,
                null,
                "secret-1",
                null,
                null,
                null,
                0,
                "user-1",
                at,
                at,
                null);
    }

    @Test
    void insertsFindsListsAndDeletesWithinOneWorkspace() {
        Connection a = connection(ws, "First", T0);
        Connection b = connection(ws, "Second", T0.plusSeconds(1));
        Connection other = connection(Ids.newId(), "Elsewhere", T0);
        repo.insert(a);
        repo.insert(b);
        repo.insert(other);

        assertThat(repo.find(ws, a.id())).contains(a);
        assertThat(repo.find(ws, other.id())).isEmpty();
        assertThat(repo.list(ws)).extracting(Connection::name).containsExactly("First", "Second");

        assertThat(repo.delete(other.workspaceId(), a.id())).isFalse();
        assertThat(repo.delete(ws, a.id())).isTrue();
        assertThat(repo.find(ws, a.id())).isEmpty();
        assertThat(repo.list(ws)).extracting(Connection::id).containsExactly(b.id());
    }

    @Test
    void keepsVisibilityAndChangesNameAndVisibilityWithinOneWorkspace() {
        Connection a = connection(ws, "Mail", T0);
        assertThat(a.visibility())
                .as("rows made without a visibility are shared")
                .isEqualTo("shared");
        Connection mine = new Connection(
                Ids.newId(),
                ws,
                "gmail",
                "My mail",
                ConnectionStatus.CONNECTED,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                "user-1",
                T0,
                T0,
                null,
                "oauth2",
                Connection.PRIVATE);
        repo.insert(a);
        repo.insert(mine);
        assertThat(repo.find(ws, mine.id())).contains(mine);
        assertThat(repo.find(ws, mine.id()).orElseThrow().usableBy("user-2")).isFalse();
        assertThat(repo.find(ws, mine.id()).orElseThrow().usableBy("user-1")).isTrue();

        Instant later = T0.plusSeconds(5);
        assertThat(repo.update(Ids.newId(), a.id(), "Pwned", Connection.PRIVATE, later))
                .as("another workspace's id")
                .isFalse();
        assertThat(repo.update(ws, a.id(), "Team web", Connection.PRIVATE, later))
                .isTrue();
        Connection changed = repo.find(ws, a.id()).orElseThrow();
        assertThat(changed.name()).isEqualTo("Team web");
        assertThat(changed.visibility()).isEqualTo("private");
        assertThat(changed.updatedAt()).isEqualTo(later);
        assertThat(changed.usableBy("user-2")).isFalse();
    }

    @Test
    void recordsHealthVerdictsAndKeepsTheAccountWhenNoneIsGiven() {
        Connection a = connection(ws, "Slack", T0);
        repo.insert(a);
        Instant checked = T0.plusSeconds(60);
        assertThat(repo.updateStatus(ws, a.id(), ConnectionStatus.CONNECTED, null, "team-atom", checked))
                .isTrue();
        assertThat(repo.updateStatus(
                        ws, a.id(), ConnectionStatus.NEEDS_RECONNECT, "token revoked", null, checked.plusSeconds(1)))
                .isTrue();
        Connection found = repo.find(ws, a.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(ConnectionStatus.NEEDS_RECONNECT);
        assertThat(found.statusReason()).isEqualTo("token revoked");
        assertThat(found.account()).isEqualTo("team-atom");
        assertThat(found.lastCheckedAt()).isEqualTo(checked.plusSeconds(1));
        assertThat(repo.updateStatus(Ids.newId(), a.id(), ConnectionStatus.ERROR, "x", null, checked))
                .isFalse();
    }

    @Test
    void savesRotatedTokensOnlyForTheRefresherThatSawTheCurrentVersion() {
        Connection a = connection(ws, "Google", T0);
        repo.insert(a);
        Instant expires = T0.plus(Duration.ofHours(1));
        assertThat(repo.updateTokens(ws, a.id(), 0, "access-1", "refresh-1", expires, T0))
                .isTrue();
        assertThat(repo.updateTokens(ws, a.id(), 0, "access-x", "refresh-x", expires, T0))
                .as("stale version")
                .isFalse();
        assertThat(repo.updateTokens(Ids.newId(), a.id(), 1, "access-y", "refresh-y", expires, T0))
                .isFalse();
        Connection found = repo.find(ws, a.id()).orElseThrow();
        assertThat(found.accessTokenSecretId()).isEqualTo("access-1");
        assertThat(found.refreshTokenSecretId()).isEqualTo("refresh-1");
        assertThat(found.tokenExpiresAt()).isEqualTo(expires);
        assertThat(found.tokenVersion()).isEqualTo(1);
    }

    @Test
    void keepsHowAConnectionWasMadeAndAnOAuthReconnectMakesItOAuth() {
        Connection basic = new Connection(
                Ids.newId(),
                ws,
                "jira",
                "Jira",
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
                null,
                "basic");
        Connection old = connection(ws, "From before", T0);
        repo.insert(basic);
        repo.insert(old);
        assertThat(repo.find(ws, basic.id()).orElseThrow().authKind()).isEqualTo("basic");
        assertThat(repo.find(ws, old.id()).orElseThrow().authKind())
                .as("no kind said: the connector's preferred one")
                .isNull();

        repo.reconnect(ws, basic.id(), "access-1", null, null, T0.plusSeconds(1));
        assertThat(repo.find(ws, basic.id()).orElseThrow().authKind()).isEqualTo("oauth2");
    }

    @Test
    void reconnectPutsFreshTokensAndMovesTheVersionOnAndScopesAreKept() {
        Connection a = connection(ws, "Gmail", T0);
        repo.insert(a);
        repo.updateStatus(ws, a.id(), ConnectionStatus.NEEDS_RECONNECT, "invalid_grant", null, T0);
        Instant expires = T0.plus(Duration.ofHours(1));
        assertThat(repo.reconnect(Ids.newId(), a.id(), "access-x", "refresh-x", expires, T0))
                .as("another workspace")
                .isFalse();
        assertThat(repo.reconnect(ws, a.id(), "access-2", "refresh-2", expires, T0.plusSeconds(5)))
                .isTrue();
        Connection found = repo.find(ws, a.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(found.statusReason()).isNull();
        assertThat(found.accessTokenSecretId()).isEqualTo("access-2");
        assertThat(found.refreshTokenSecretId()).isEqualTo("refresh-2");
        assertThat(found.tokenVersion()).isEqualTo(1);
        assertThat(repo.updateTokens(ws, a.id(), 0, "stale", "stale", expires, T0))
                .as("a refresh that began before the reconnect loses")
                .isFalse();

        assertThat(repo.scopes(ws, a.id())).isEmpty();
        assertThat(repo.updateScopes(ws, a.id(), "gmail.readonly gmail.send")).isTrue();
        assertThat(repo.updateScopes(Ids.newId(), a.id(), "all")).isFalse();
        assertThat(repo.scopes(ws, a.id())).contains("gmail.readonly gmail.send");
        assertThat(repo.scopes(Ids.newId(), a.id())).isEmpty();
    }

    @Test
    void triggerDeliveriesAreFirstOnceThenForgottenAfterTheirTime() {
        MutableClock clock = new MutableClock(T0);
        var deliveries = new TriggerDeliveryRepository(db.jdbc(), db.transactions(), clock);
        Duration keep = Duration.ofHours(1);
        assertThat(deliveries.firstTime(ws, "wf-1", "d-1", keep)).isTrue();
        assertThat(deliveries.firstTime(ws, "wf-1", "d-1", keep)).isFalse();
        assertThat(deliveries.firstTime(ws, "wf-2", "d-1", keep))
                .as("another source")
                .isTrue();
        assertThat(deliveries.firstTime(Ids.newId(), "wf-1", "d-1", keep))
                .as("another workspace")
                .isTrue();
        clock.now = T0.plus(Duration.ofHours(2));
        assertThat(deliveries.firstTime(ws, "wf-1", "d-1", keep))
                .as("forgotten after keepFor")
                .isTrue();
        assertThat(deliveries.purgeBefore(T0.plus(Duration.ofMinutes(1)))).isEqualTo(2);
        assertThat(deliveries.firstTime(ws, "wf-2", "d-1", keep)).as("purged").isTrue();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
