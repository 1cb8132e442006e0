package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The record of direct action calls: per connection and workspace, newest first, paged by id. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class ConnectionCallRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private ConnectionCallRepository repo;
    private String ws;
    private String connection;

    @BeforeEach
    void setUp() {
        repo = new ConnectionCallRepository(db.jdbc());
        ws = Ids.newId();
        connection = Ids.newId();
    }

    private ConnectionCall call(String workspace, String conn, int n, String outcome, String detail) {
        return new ConnectionCall(
                Ids.newId(), workspace, conn, "user-" + n, "gmail.read", outcome, detail, T0.plusSeconds(n));
    }

    @Test
    void storesEveryFieldAndPagesNewestFirstWithinOneConnection() {
        List<ConnectionCall> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ConnectionCall c = call(ws, connection, i, i == 2 ? "failed" : "succeeded", i == 2 ? "rate_limited" : null);
            repo.insert(c);
            calls.add(c);
        }
        repo.insert(call(ws, Ids.newId(), 9, "succeeded", null));
        String otherWorkspace = Ids.newId();
        repo.insert(call(otherWorkspace, connection, 9, "succeeded", null));

        List<ConnectionCall> first = repo.page(ws, connection, null, 3);
        assertThat(first).containsExactly(calls.get(4), calls.get(3), calls.get(2));
        assertThat(first.get(2).detail()).isEqualTo("rate_limited");
        assertThat(first.get(2).calledAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(repo.page(ws, connection, first.getLast().id(), 3)).containsExactly(calls.get(1), calls.get(0));
        assertThat(repo.page(otherWorkspace, connection, null, 10)).hasSize(1);
        assertThat(repo.page(Ids.newId(), connection, null, 10)).isEmpty();
    }

    @Test
    void removingAConnectionsCallsLeavesOthersAlone() {
        repo.insert(call(ws, connection, 1, "succeeded", null));
        repo.insert(call(ws, connection, 2, "refused", "not_permitted"));
        String other = Ids.newId();
        repo.insert(call(ws, other, 3, "succeeded", null));
        assertThat(repo.deleteForConnection(Ids.newId(), connection)).isZero();
        assertThat(repo.deleteForConnection(ws, connection)).isEqualTo(2);
        assertThat(repo.page(ws, connection, null, 10)).isEmpty();
        assertThat(repo.page(ws, other, null, 10)).hasSize(1);
    }
}
