package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** OAuth attempts: single use even under concurrent callbacks, purged after expiry; SQLite and PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class OAuthStateRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private OAuthStateRepository repo;

    @BeforeEach
    void setUp() {
        repo = new OAuthStateRepository(db.jdbc());
    }

    private OAuthStateRepository.Attempt attempt(Instant created) {
        return new OAuthStateRepository.Attempt(
                OAuthFlow.sha256Hex(Ids.newId()),
                Ids.newId(),
                "user-1",
                "testoauth",
                null,
                "Mine",
                "verifier-" + Ids.newId(),
                created,
                created.plus(Duration.ofMinutes(10)));
    }

    @Test
    void anAttemptIsHandedOutOnce() {
        var a = attempt(T0);
        repo.insert(a);
        assertThat(repo.consume(a.stateHash())).contains(a);
        assertThat(repo.consume(a.stateHash())).isEmpty();
        assertThat(repo.consume(OAuthFlow.sha256Hex("never issued"))).isEmpty();
    }

    @Test
    void concurrentCallbacksWithOneStateGetItOnceBetweenThem() throws Exception {
        var a = attempt(T0);
        repo.insert(a);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return repo.consume(a.stateHash()).isPresent();
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
    }

    @Test
    void expiredAttemptsArePurged() {
        var old = attempt(T0);
        var fresh = attempt(T0.plus(Duration.ofMinutes(30)));
        repo.insert(old);
        repo.insert(fresh);
        assertThat(repo.purgeExpired(T0.plus(Duration.ofMinutes(11)))).isGreaterThanOrEqualTo(1);
        assertThat(repo.consume(old.stateHash())).isEmpty();
        assertThat(repo.consume(fresh.stateHash())).contains(fresh);
    }
}
