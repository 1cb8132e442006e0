package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The trigger and alert repositories' contract (slot claims included), on SQLite and PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class TriggerRepositoryTest {
    /**
     * Due triggers are read across workspaces, so each test works in its own stretch of far-future time (a
     * live scheduler of another test, ticking with the real clock, never sees these rows as due), earlier than
     * the tests before it (their leftovers are not due yet).
     */
    private static final AtomicInteger TESTS = new AtomicInteger();

    @Parameter
    TestDatabase db;

    private TriggerRepository triggers;
    private AlertRepository alerts;
    private String ws;
    private Instant t0;

    @BeforeEach
    void setUp() {
        triggers = new TriggerRepository(db.jdbc());
        alerts = new AlertRepository(db.jdbc());
        ws = Ids.newId();
        t0 = Instant.parse("2300-01-01T00:00:00Z").minus(Duration.ofDays(30L * TESTS.incrementAndGet()));
    }

    private TriggerState schedule(String workflow, Instant next) {
        return TriggerState.armed(workflow, ws, "schedule", "schedule:0 9 * * *@UTC", next, null, 3600L, t0);
    }

    @Test
    void armFindDisarmAndDeleteWithinOneWorkspace() {
        String wf = Ids.newId();
        triggers.arm(schedule(wf, t0.plusSeconds(60)));
        var found = triggers.find(ws, wf).orElseThrow();
        assertThat(found.kind()).isEqualTo("schedule");
        assertThat(found.active()).isTrue();
        assertThat(found.nextFireAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(found.expectSeconds()).isEqualTo(3600L);
        assertThat(found.armedAt()).isEqualTo(t0);
        assertThat(triggers.find("other-ws", wf)).isEmpty();

        assertThat(triggers.disarm("other-ws", wf)).isFalse();
        assertThat(triggers.disarm(ws, wf)).isTrue();
        assertThat(triggers.find(ws, wf).orElseThrow().active()).isFalse();
        assertThat(triggers.find(ws, wf).orElseThrow().nextFireAt()).isNull();

        assertThat(triggers.delete("other-ws", wf)).isFalse();
        assertThat(triggers.delete(ws, wf)).isTrue();
        assertThat(triggers.find(ws, wf)).isEmpty();
    }

    @Test
    void dueListsOnlySwitchedOnTriggersOfTheKindWhoseTimeCame() {
        String early = Ids.newId();
        String late = Ids.newId();
        String off = Ids.newId();
        triggers.arm(schedule(early, t0));
        triggers.arm(schedule(late, t0.plusSeconds(3600)));
        triggers.arm(schedule(off, t0));
        triggers.disarm(ws, off);
        assertThat(triggers.due("schedule", t0.plusSeconds(1), 100))
                .extracting(TriggerState::workflowId)
                .contains(early)
                .doesNotContain(late, off);
        assertThat(triggers.due("polling", t0.plusSeconds(1), 100))
                .extracting(TriggerState::workflowId)
                .doesNotContain(early);
    }

    @Test
    void advanceTakesASlotOnceAndOnlyFromTheExpectedTime() {
        String wf = Ids.newId();
        triggers.arm(schedule(wf, t0));
        assertThat(triggers.advance(wf, t0.minusSeconds(1), t0.plusSeconds(60))).isFalse();
        assertThat(triggers.advance(wf, t0, t0.plusSeconds(60))).isTrue();
        assertThat(triggers.advance(wf, t0, t0.plusSeconds(60)))
                .as("the slot is gone")
                .isFalse();
        assertThat(triggers.find(ws, wf).orElseThrow().nextFireAt()).isEqualTo(t0.plusSeconds(60));
    }

    /**
     * Two schedulers (as two Atom instances would) race for the same slot, each in its own transaction that
     * takes the slot and inserts the run: exactly one run, on either database.
     */
    @Test
    void twoSchedulersRacingForOneSlotFireItOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            String wf = Ids.newId();
            Instant slot = t0.plusSeconds(round);
            triggers.arm(schedule(wf, slot));
            CountDownLatch go = new CountDownLatch(1);
            Callable<Boolean> scheduler = () -> {
                go.await();
                return Boolean.TRUE.equals(db.transactions().execute(tx -> {
                    if (!triggers.advance(wf, slot, slot.plusSeconds(86_400))) {
                        return false;
                    }
                    insertRun(wf, slot);
                    return true;
                }));
            };
            List<Future<Boolean>> results = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(2)) {
                results.add(pool.submit(scheduler));
                results.add(pool.submit(scheduler));
                go.countDown();
            }
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(db.jdbc()
                            .sql("SELECT COUNT(*) FROM workflow_runs WHERE workflow_id = :wf")
                            .param("wf", wf)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            assertThat(triggers.lastRunAt(ws, wf)).isEqualTo(slot);
            assertThat(triggers.lastRunAt("other-ws", wf)).isNull();
        }
    }

    @Test
    void aPollStoresItsCursorUnlessAnotherPollStoredOneFirst() {
        String wf = Ids.newId();
        triggers.arm(TriggerState.armed(wf, ws, "polling", "feed:c1", t0, "c1", null, t0));
        var t = triggers.find(ws, wf).orElseThrow();
        assertThat(t.cursor()).isNull();
        assertThat(triggers.pollFailed(wf, "the service is unavailable (503)", t0))
                .isEqualTo(1);
        assertThat(triggers.pollFailed(wf, "the service is unavailable (503)", t0.plusSeconds(60)))
                .isEqualTo(2);
        var failing = triggers.find(ws, wf).orElseThrow();
        assertThat(failing.failures()).isEqualTo(2);
        assertThat(failing.lastError()).isEqualTo("the service is unavailable (503)");
        assertThat(failing.lastErrorAt()).isEqualTo(t0.plusSeconds(60));

        assertThat(triggers.savePoll(wf, t.pollSeq(), "cursor-1", t0.plusSeconds(120)))
                .isTrue();
        assertThat(triggers.savePoll(wf, t.pollSeq(), "stale", t0.plusSeconds(121)))
                .as("a poll that read the same sequence lost the race")
                .isFalse();
        var saved = triggers.find(ws, wf).orElseThrow();
        assertThat(saved.cursor()).isEqualTo("cursor-1");
        assertThat(saved.failures()).isZero();
        assertThat(saved.lastError()).isNull();
        assertThat(saved.lastPolledAt()).isEqualTo(t0.plusSeconds(120));
        assertThat(triggers.onConnection(ws, "c1"))
                .extracting(TriggerState::workflowId)
                .containsExactly(wf);
        assertThat(triggers.onConnection("other-ws", "c1")).isEmpty();

        // publishing the same trigger again keeps the cursor; another trigger starts afresh
        triggers.arm(TriggerState.armed(wf, ws, "polling", "feed:c1", t0, "c1", null, t0.plusSeconds(200)));
        assertThat(triggers.find(ws, wf).orElseThrow().cursor()).isEqualTo("cursor-1");
        triggers.arm(TriggerState.armed(wf, ws, "polling", "feed:c2", t0, "c2", null, t0.plusSeconds(300)));
        assertThat(triggers.find(ws, wf).orElseThrow().cursor()).isNull();

        triggers.setSecret(ws, wf, "secret-id");
        assertThat(triggers.find(ws, wf).orElseThrow().secretId()).isEqualTo("secret-id");
    }

    @Test
    void expectingListsSwitchedOnTriggersWithALivenessExpectation() {
        String with = Ids.newId();
        String without = Ids.newId();
        triggers.arm(schedule(with, t0));
        triggers.arm(TriggerState.armed(without, ws, "manual", "manual", null, null, null, t0));
        var expecting =
                triggers.expecting().stream().map(TriggerState::workflowId).toList();
        assertThat(expecting).contains(with).doesNotContain(without);
        triggers.disarm(ws, with);
        assertThat(triggers.expecting().stream().map(TriggerState::workflowId)).doesNotContain(with);
    }

    @Test
    void oneOpenAlertPerWorkflowAndKindWithinOneWorkspace() {
        String wf = Ids.newId();
        assertThat(alerts.open(ws, wf, "trigger_silent", "no run since", t0)).isTrue();
        assertThat(alerts.open(ws, wf, "trigger_silent", "again", t0.plusSeconds(5)))
                .as("already open")
                .isFalse();
        assertThat(alerts.open(ws, wf, "trigger_failing", "3 polls failed", t0.plusSeconds(10)))
                .isTrue();
        assertThat(alerts.open(ws, null)).extracting(Alert::kind).containsExactly("trigger_failing", "trigger_silent");
        assertThat(alerts.open(ws, wf)).hasSize(2);
        assertThat(alerts.open("other-ws", null)).isEmpty();
        assertThat(alerts.countOpen(ws)).isEqualTo(2);
        assertThat(alerts.countOpen("other-ws")).isZero();

        assertThat(alerts.close("other-ws", wf, "trigger_silent", t0.plusSeconds(20)))
                .isFalse();
        assertThat(alerts.close(ws, wf, "trigger_silent", t0.plusSeconds(20))).isTrue();
        assertThat(alerts.close(ws, wf, "trigger_silent", t0.plusSeconds(21))).isFalse();
        assertThat(alerts.open(ws, wf)).extracting(Alert::kind).containsExactly("trigger_failing");
        assertThat(alerts.countOpen(ws)).as("a closed alert is not counted").isEqualTo(1);
        assertThat(alerts.countOpen("other-ws")).isZero();
        assertThat(alerts.open(ws, wf, "trigger_silent", "silent again", t0.plusSeconds(30)))
                .as("a closed alert does not block a new one")
                .isTrue();

        alerts.deleteFor(ws, wf);
        assertThat(alerts.open(ws, wf)).isEmpty();
    }

    private void insertRun(String workflow, Instant at) {
        new RunRepository(db.jdbc(), db.dialect(), event -> {})
                .insert(new Run(
                        Ids.newId(),
                        ws,
                        workflow,
                        1,
                        RunStatus.QUEUED,
                        "{}",
                        null,
                        null,
                        null,
                        null,
                        null,
                        at,
                        null,
                        null));
    }
}
