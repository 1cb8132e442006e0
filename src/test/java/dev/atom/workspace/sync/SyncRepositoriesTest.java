package dev.atom.workspace.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import dev.atom.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The sync state rows and the connection leases, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class SyncRepositoriesTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private SyncFeedRepository feeds;
    private SyncLeaseRepository leases;
    private String ws;
    private String conn;

    @BeforeEach
    void setUp() {
        feeds = new SyncFeedRepository(db.jdbc());
        leases = new SyncLeaseRepository(db.jdbc());
        ws = Ids.newId();
        conn = connection(ws, "dropbox", "connected");
    }

    private String connection(String workspace, String connector, String status) {
        String id = Ids.newId();
        String at = Timestamps.format(T0);
        db.jdbc()
                .sql("INSERT INTO connections (id, workspace_id, connector, name, status, status_reason, created_by,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'u1', ?, ?)")
                .params(
                        id,
                        workspace,
                        connector,
                        connector + " test",
                        status,
                        status.equals("connected") ? null : "revoked",
                        at,
                        at)
                .update();
        return id;
    }

    private void setConnectionStatus(String id, String status) {
        db.jdbc()
                .sql("UPDATE connections SET status = ?, status_reason = ? WHERE id = ?")
                .params(status, status.equals("connected") ? null : "revoked", id)
                .update();
    }

    private FeedState feed() {
        return feeds.find(ws, conn, "dropbox.files").orElseThrow();
    }

    @Test
    void aRowIsMadeOnceIdleAndDueAtOnce() {
        assertThat(feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0)).isTrue();
        assertThat(feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0.plusSeconds(5)))
                .isFalse();
        FeedState f = feed();
        assertThat(f.status()).isEqualTo("idle");
        assertThat(f.cursor()).isNull();
        assertThat(f.nextRunAt()).isEqualTo(T0);
        assertThat(f.scope()).isEqualTo(new SyncScope(ws, conn, "dropbox", "dropbox.files"));
        assertThat(feeds.list(ws, conn)).hasSize(1);
        assertThat(feeds.list(Ids.newId(), conn)).isEmpty();
        assertThat(feeds.find(Ids.newId(), conn, "dropbox.files")).isEmpty();
    }

    @Test
    void aFullSyncKeepsItsStartThroughPagesUntilItFinishes() {
        feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0);
        feeds.begin(feed(), true, T0);
        assertThat(feed().status()).isEqualTo("syncing");
        assertThat(feed().fullSyncRunning()).isTrue();
        feeds.pageDone(feed(), "c1", 1, 100, T0.plusSeconds(1));
        // a crash, then the run resumes from c1: the full sync's start stays the first one
        feeds.begin(feed(), true, T0.plusSeconds(60));
        assertThat(feed().fullSyncStartedAt()).isEqualTo(T0);
        assertThat(feed().progressPages()).isZero();
        feeds.pageDone(feed(), "c2", 2, 150, T0.plusSeconds(61));
        assertThat(feed().cursor()).isEqualTo("c2");
        assertThat(feed().progressItems()).isEqualTo(150);
        feeds.finish(feed(), 150, T0.plusSeconds(62), T0.plusSeconds(122));
        FeedState done = feed();
        assertThat(done.status()).isEqualTo("idle");
        assertThat(done.items()).isEqualTo(150);
        assertThat(done.fullSyncRunning()).isFalse();
        assertThat(done.lastSyncedAt()).isEqualTo(T0.plusSeconds(62));
        assertThat(done.nextRunAt()).isEqualTo(T0.plusSeconds(122));
        // an incremental sync does not start a full one
        feeds.begin(done, false, T0.plusSeconds(130));
        assertThat(feed().fullSyncRunning()).isFalse();
    }

    @Test
    void anExpiredCursorIsForgottenAndAFullSyncStarts() {
        feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0);
        feeds.pageDone(feed(), "old", 1, 1, T0);
        feeds.restart(feed(), T0.plusSeconds(5));
        assertThat(feed().cursor()).isNull();
        assertThat(feed().fullSyncStartedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void failuresCountUpAndASuccessClearsThem() {
        feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0);
        feeds.fail(feed(), "Dropbox is down", T0, T0.plusSeconds(60));
        feeds.fail(feed(), "Dropbox is down", T0.plusSeconds(60), T0.plusSeconds(180));
        FeedState f = feed();
        assertThat(f.status()).isEqualTo("error");
        assertThat(f.failures()).isEqualTo(2);
        assertThat(f.lastError()).isEqualTo("Dropbox is down");
        assertThat(f.lastErrorAt()).isEqualTo(T0.plusSeconds(60));
        feeds.finish(f, 3, T0.plusSeconds(200), T0.plusSeconds(260));
        assertThat(feed().failures()).isZero();
        assertThat(feed().lastError()).isNull();
    }

    @Test
    void aChangeUpstreamMakesHealthyFeedsDueButKeepsABackOffAndAReconnectWaiting() {
        feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0);
        feeds.finish(feed(), 1, T0, T0.plusSeconds(600));
        assertThat(feeds.changedUpstream(ws, conn, T0.plusSeconds(10))).isEqualTo(1);
        assertThat(feed().nextRunAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(feeds.changedUpstream(ws, conn, T0.plusSeconds(20)))
                .as("already due: nothing to move")
                .isZero();

        feeds.fail(feed(), "Dropbox is down", T0.plusSeconds(30), T0.plusSeconds(900));
        assertThat(feeds.changedUpstream(ws, conn, T0.plusSeconds(40))).isZero();
        assertThat(feed().nextRunAt()).as("the back-off stands").isEqualTo(T0.plusSeconds(900));
        assertThat(feed().failures()).isEqualTo(1);

        feeds.needsReconnect(ws, conn, "revoked", T0.plusSeconds(50));
        assertThat(feeds.changedUpstream(ws, conn, T0.plusSeconds(60))).isZero();
        assertThat(feed().status()).isEqualTo("needs_reconnect");
    }

    @Test
    void dueListsConnectionsWithoutALiveLeaseOrAReconnectToWaitFor() {
        feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0);
        String other = connection(ws, "dropbox", "connected");
        feeds.ensure(ws, other, "dropbox", "dropbox.files", T0.plusSeconds(10));
        assertThat(due(T0.minusSeconds(1), 100)).isEmpty();
        assertThat(due(T0.plusSeconds(30), 100)).containsExactly(conn, other);

        assertThat(leases.claim(ws, conn, "a", T0.plusSeconds(30), T0.plusSeconds(90)))
                .isTrue();
        assertThat(due(T0.plusSeconds(30), 100)).containsExactly(other);
        assertThat(due(T0.plusSeconds(91), 100)).hasSize(2); // the lease expired

        feeds.needsReconnect(ws, other, "revoked", T0);
        assertThat(feed(other).status()).isEqualTo("needs_reconnect");
        assertThat(feed(other).nextRunAt()).isNull();
        assertThat(due(T0.plusSeconds(91), 100)).containsExactly(conn);
        assertThat(feeds.runSoon(ws, other, T0.plusSeconds(100))).isEqualTo(1);
        assertThat(feed(other).status()).isEqualTo("idle");
        assertThat(due(T0.plusSeconds(100), 100)).hasSize(2);
    }

    /** The due connections of this test's workspace (the database is shared by the class's tests). */
    private List<String> due(Instant now, int limit) {
        return feeds.due(now, limit).stream()
                .filter(c -> c.workspaceId().equals(ws))
                .map(SyncFeedRepository.KnownConnection::connectionId)
                .toList();
    }

    private FeedState feed(String connection) {
        return feeds.find(ws, connection, "dropbox.files").orElseThrow();
    }

    @Test
    void rowsFollowTheConnectionsStatusBothWays() {
        feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0);
        setConnectionStatus(conn, "needs_reconnect");
        assertThat(due(T0.plusSeconds(1), 100)).isEmpty();
        assertThat(feeds.followConnectionStatus(T0.plusSeconds(1))).isPositive();
        assertThat(feed().status()).isEqualTo("needs_reconnect");
        assertThat(feed().lastError()).isEqualTo("revoked");
        feeds.followConnectionStatus(T0.plusSeconds(2));
        assertThat(feed().nextRunAt()).isNull();
        setConnectionStatus(conn, "connected");
        assertThat(feeds.followConnectionStatus(T0.plusSeconds(3))).isPositive();
        assertThat(feed().status()).isEqualTo("idle");
        assertThat(feed().nextRunAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void connectionsWithFeedsAndOrphanedRowsAreFound() {
        feeds.ensure(ws, conn, "dropbox", "dropbox.files", T0);
        String drive = connection(ws, "google-drive", "connected");
        connection(ws, "slack", "connected");
        assertThat(feeds.connectionsOf(List.of("dropbox", "google-drive")).stream()
                        .filter(c -> c.workspaceId().equals(ws)))
                .extracting(SyncFeedRepository.KnownConnection::connectionId)
                .containsExactlyInAnyOrder(conn, drive);
        assertThat(feeds.connectionsOf(List.of())).isEmpty();
        assertThat(feeds.orphans()).noneMatch(o -> o.workspaceId().equals(ws));
        db.jdbc().sql("DELETE FROM connections WHERE id = ?").params(conn).update();
        assertThat(feeds.orphans().stream().filter(o -> o.workspaceId().equals(ws)))
                .extracting(SyncFeedRepository.KnownConnection::connectionId)
                .containsExactly(conn);
        assertThat(feeds.delete(ws, conn)).isEqualTo(1);
        assertThat(feeds.orphans()).noneMatch(o -> o.workspaceId().equals(ws));
    }

    @Test
    void oneOwnerHoldsALeaseUntilItIsReleasedOrExpires() {
        Instant until = T0.plus(Duration.ofMinutes(2));
        assertThat(leases.claim(ws, conn, "a", T0, until)).isTrue();
        assertThat(leases.claim(ws, conn, "b", T0.plusSeconds(1), T0.plusSeconds(121)))
                .isFalse();
        assertThat(leases.claim(ws, conn, "a", T0.plusSeconds(1), T0.plusSeconds(121)))
                .as("not even its owner claims it twice")
                .isFalse();
        assertThat(leases.renew(conn, "a", T0.plusSeconds(200))).isTrue();
        assertThat(leases.renew(conn, "b", T0.plusSeconds(200))).isFalse();
        assertThat(leases.claim(ws, conn, "b", T0.plusSeconds(150), T0.plusSeconds(300)))
                .isFalse();
        assertThat(leases.claim(ws, conn, "b", T0.plusSeconds(201), T0.plusSeconds(300)))
                .as("expired: taken over")
                .isTrue();
        assertThat(leases.renew(conn, "a", T0.plusSeconds(400))).isFalse();
        assertThat(leases.release(conn, "a")).isFalse();
        assertThat(leases.release(conn, "b")).isTrue();
        assertThat(leases.claim(ws, conn, "a", T0.plusSeconds(202), T0.plusSeconds(300)))
                .isTrue();
    }
}
