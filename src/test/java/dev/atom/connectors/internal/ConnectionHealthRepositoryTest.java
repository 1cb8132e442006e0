package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The credential-health part of the connections repository, on SQLite and (when configured) PostgreSQL: due
 * checks, the compare-and-set claim several instances race for, and the refresh-token ages behind the forecast.
 */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class ConnectionHealthRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private ConnectionRepository repo;
    private String ws;

    @BeforeEach
    void setUp() {
        repo = new ConnectionRepository(db.jdbc());
        ws = Ids.newId();
    }

    private Connection insert(String name, ConnectionStatus status) {
        Connection c = new Connection(
                Ids.newId(),
                ws,
                "testoauth",
                name,
                status,
                null,
                null,
                null,
                "access-1",
                "refresh-1",
                T0.plusSeconds(3600),
                0,
                "user-1",
                T0,
                T0,
                T0);
        repo.insert(c);
        return c;
    }

    private List<String> dueHere(Instant now) {
        return repo.dueForHealth(now, 1000).stream()
                .filter(d -> d.workspaceId().equals(ws))
                .map(ConnectionRepository.HealthDue::id)
                .toList();
    }

    @Test
    void listsDueChecksNeverPlannedFirstAndSkipsThoseWaitingForAReconnect() {
        Connection planned = insert("planned", ConnectionStatus.CONNECTED);
        Connection fresh = insert("fresh", ConnectionStatus.CONNECTED);
        Connection broken = insert("broken", ConnectionStatus.NEEDS_RECONNECT);
        Connection later = insert("later", ConnectionStatus.ERROR);
        assertThat(repo.claimHealthCheck(ws, planned.id(), null, T0.plusSeconds(10)))
                .isTrue();
        assertThat(repo.claimHealthCheck(ws, later.id(), null, T0.plusSeconds(3600)))
                .isTrue();

        assertThat(dueHere(T0)).containsExactly(fresh.id());
        assertThat(dueHere(T0.plusSeconds(10))).containsExactly(fresh.id(), planned.id());
        assertThat(dueHere(T0.plusSeconds(3600))).containsExactly(fresh.id(), planned.id(), later.id());
        assertThat(dueHere(T0.plusSeconds(3600))).doesNotContain(broken.id());
        assertThat(repo.dueForHealth(T0.plusSeconds(3600), 1)).hasSize(1);
        assertThat(repo.healthDue(ws))
                .containsEntry(planned.id(), T0.plusSeconds(10))
                .containsEntry(later.id(), T0.plusSeconds(3600))
                .doesNotContainKey(fresh.id());
    }

    @Test
    void exactlyOneOfManyInstancesClaimsADueCheck() throws Exception {
        Connection c = insert("shared", ConnectionStatus.CONNECTED);
        assertThat(repo.claimHealthCheck(Ids.newId(), c.id(), null, T0))
                .as("another workspace")
                .isFalse();
        assertThat(repo.claimHealthCheck(ws, c.id(), null, T0)).isTrue();

        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Instant next = T0.plus(Duration.ofHours(6)).plusSeconds(i);
                Callable<Boolean> claim = () -> repo.claimHealthCheck(ws, c.id(), T0, next);
                claims.add(pool.submit(claim));
            }
            int won = 0;
            for (Future<Boolean> f : claims) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(repo.claimHealthCheck(ws, c.id(), T0, T0.plusSeconds(1)))
                .as("a claim that saw the old due time loses")
                .isFalse();
    }

    @Test
    void recordsRefreshTokenAgesAndWarnsOncePerToken() {
        Connection c = insert("google", ConnectionStatus.CONNECTED);
        Instant expires = T0.plus(Duration.ofDays(7));
        assertThat(repo.tokenAges(ws)).containsEntry(c.id(), ConnectionRepository.TokenAges.NONE);

        assertThat(repo.recordRefreshToken(ws, c.id(), true, T0, expires)).isTrue();
        assertThat(repo.tokenAges(ws).get(c.id())).isEqualTo(new ConnectionRepository.TokenAges(T0, T0, expires, null));

        Instant used = T0.plus(Duration.ofDays(1));
        repo.recordRefreshToken(ws, c.id(), false, used, null);
        assertThat(repo.tokenAges(ws).get(c.id()))
                .as("the same token used again: its age and end stay")
                .isEqualTo(new ConnectionRepository.TokenAges(T0, used, expires, null));

        Instant warned = T0.plus(Duration.ofDays(5));
        assertThat(repo.markExpiryWarned(ws, c.id(), warned)).isTrue();
        assertThat(repo.markExpiryWarned(ws, c.id(), warned.plusSeconds(60)))
                .as("told once")
                .isFalse();
        assertThat(repo.tokenAges(ws).get(c.id()).warnedAt()).isEqualTo(warned);

        Instant reconnected = T0.plus(Duration.ofDays(6));
        repo.recordRefreshToken(ws, c.id(), true, reconnected, null);
        assertThat(repo.tokenAges(ws).get(c.id()))
                .as("a new token starts over and may be warned about again")
                .isEqualTo(new ConnectionRepository.TokenAges(reconnected, reconnected, null, null));
        assertThat(repo.recordRefreshToken(Ids.newId(), c.id(), true, T0, null)).isFalse();
        assertThat(repo.markExpiryWarned(Ids.newId(), c.id(), T0)).isFalse();
    }
}
