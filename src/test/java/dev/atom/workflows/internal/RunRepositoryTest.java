package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The run and run-step repositories' contract (leases included), on SQLite and PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class RunRepositoryTest {
    /**
     * Claims are across workspaces, so each test works in its own stretch of time: far in the future (a live
     * engine of another test, claiming with the real clock, never sees these runs as due) and earlier than the
     * tests before it (their leftovers are not due yet when this one claims).
     */
    private static final AtomicInteger TESTS = new AtomicInteger();

    private Instant t0;

    @Parameter
    TestDatabase db;

    private RunRepository runs;
    private RunStepRepository steps;
    private String ws;

    @BeforeEach
    void setUp() {
        runs = new RunRepository(db.jdbc(), db.dialect(), event -> {});
        steps = new RunStepRepository(db.jdbc());
        ws = Ids.newId();
        t0 = Instant.parse("2200-01-01T00:00:00Z").minus(Duration.ofDays(30L * TESTS.incrementAndGet()));
    }

    private Run queued(String workspace, String workflow, Instant at) {
        return new Run(
                Ids.newId(),
                workspace,
                workflow,
                1,
                RunStatus.QUEUED,
                "{}",
                null,
                null,
                at,
                null,
                null,
                at,
                null,
                null);
    }

    @Test
    void listsFindsAndFiltersWithinOneWorkspace() {
        Run a = queued(ws, "wf-a", t0);
        Run b = queued(ws, "wf-b", t0.plusSeconds(1));
        Run other = queued(Ids.newId(), "wf-a", t0);
        List.of(a, b, other).forEach(runs::insert);

        assertThat(runs.find(ws, a.id())).contains(a);
        assertThat(runs.find(ws, other.id())).isEmpty();
        assertThat(runs.list(ws, null, null, null, null, 10)).containsExactly(b, a);
        assertThat(runs.list(ws, "wf-a", null, null, null, 10)).containsExactly(a);
        assertThat(runs.list(ws, null, RunStatus.FAILED, null, null, 10)).isEmpty();
        assertThat(runs.list(ws, null, null, t0.plusSeconds(1), null, 10)).containsExactly(b);
        assertThat(runs.list(ws, null, null, null, t0.plusSeconds(1), 10)).containsExactly(a);
        assertThat(runs.list(ws, null, null, null, null, 1)).containsExactly(b);
    }

    @Test
    void filtersByTheTriggerTypeItsDataGave() {
        Run chat = new Run(
                Ids.newId(),
                ws,
                "action:c1",
                0,
                RunStatus.QUEUED,
                "{\"type\":\"chat\",\"by\":\"u1\"}",
                null,
                null,
                t0,
                null,
                null,
                t0,
                null,
                null);
        Run manual = new Run(
                Ids.newId(),
                ws,
                "wf",
                1,
                RunStatus.QUEUED,
                "{\"type\":\"manual\"}",
                null,
                null,
                t0.plusSeconds(1),
                null,
                null,
                t0.plusSeconds(1),
                null,
                null);
        Run untyped = queued(ws, "wf", t0.plusSeconds(2));
        runs.insertAll(List.of(chat, manual, untyped));

        assertThat(runs.list(ws, null, "chat", null, null, null, null, 10)).containsExactly(chat);
        assertThat(runs.list(ws, "wf", "manual", null, null, null, null, 10)).containsExactly(manual);
        assertThat(runs.list(ws, null, "api", null, null, null, null, 10)).isEmpty();
        assertThat(runs.list(Ids.newId(), null, "chat", null, null, null, null, 10))
                .as("another workspace")
                .isEmpty();
        assertThat(runs.list(ws, null, null, null, null, null, null, 10)).containsExactly(untyped, manual, chat);
    }

    @Test
    void aRunIsCancelledBeforeAStepOnlyWhileThatStepHasNoState() {
        Run waiting = queued(ws, "action:c1", t0);
        Run started = queued(ws, "action:c1", t0);
        runs.insertAll(List.of(waiting, started));
        steps.save(new StepState(started.id(), "action", ws, 1, StepStatus.RUNNING, 1, "{}", null, null, t0, null));

        assertThat(runs.cancelBefore(Ids.newId(), waiting.id(), "action", t0))
                .as("another workspace")
                .isFalse();
        assertThat(runs.cancelBefore(ws, started.id(), "action", t0))
                .as("the step is on record")
                .isFalse();
        assertThat(runs.status(started.id())).contains(RunStatus.QUEUED);
        assertThat(runs.cancelBefore(ws, waiting.id(), "action", t0.plusSeconds(1)))
                .isTrue();
        assertThat(runs.cancelBefore(ws, waiting.id(), "action", t0.plusSeconds(2)))
                .as("already over")
                .isFalse();
        Run cancelled = runs.find(ws, waiting.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.dueAt()).isNull();
        assertThat(cancelled.finishedAt()).isEqualTo(t0.plusSeconds(1));
    }

    @Test
    void aDueRunIsClaimedOnceAndOnlyItsOwnerMayWriteIt() {
        Run a = queued(ws, "wf", t0);
        Run later = queued(ws, "wf", t0.plusSeconds(60));
        runs.insert(a);
        runs.insert(later);

        List<Run> claimed = runs.claimDue("w1", t0.plusSeconds(1), t0.plusSeconds(31), 10);
        assertThat(claimed).extracting(Run::id).containsExactly(a.id());
        assertThat(runs.claimDue("w2", t0.plusSeconds(2), t0.plusSeconds(32), 10))
                .as("held")
                .isEmpty();
        assertThat(runs.markRunning(a.id(), "w2", t0)).isFalse();
        assertThat(runs.markRunning(a.id(), "w1", t0.plusSeconds(2))).isTrue();
        assertThat(runs.status(a.id())).contains(RunStatus.RUNNING);
        assertThat(runs.renew(a.id(), "w2", t0.plusSeconds(99))).isFalse();
        assertThat(runs.renew(a.id(), "w1", t0.plusSeconds(40))).isTrue();

        // the lease expires: another worker takes the run over, and the first may no longer write
        List<Run> takenOver = runs.claimDue("w2", t0.plusSeconds(41), t0.plusSeconds(71), 10);
        assertThat(takenOver).extracting(Run::id).containsExactly(a.id());
        assertThat(runs.release(a.id(), "w1", RunStatus.SUCCEEDED, null, "{}", null, t0))
                .isFalse();
        assertThat(runs.release(a.id(), "w2", RunStatus.SUCCEEDED, null, "{\"ok\":1}", null, t0.plusSeconds(42)))
                .isTrue();
        Run done = runs.find(ws, a.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.dueAt()).isNull();
        assertThat(done.leaseOwner()).isNull();
        assertThat(done.finishedAt()).isEqualTo(t0.plusSeconds(42));
        assertThat(runs.claimDue("w3", t0.plusSeconds(500), t0.plusSeconds(530), 10))
                .extracting(Run::id)
                .containsExactly(later.id());
    }

    @Test
    void aCancelledRunStaysCancelled() {
        Run a = queued(ws, "wf", t0);
        runs.insert(a);
        runs.claimDue("w1", t0, t0.plusSeconds(30), 1);
        assertThat(runs.cancel(Ids.newId(), a.id(), t0)).as("another workspace").isFalse();
        assertThat(runs.cancel(ws, a.id(), t0.plusSeconds(1))).isTrue();
        assertThat(runs.cancel(ws, a.id(), t0.plusSeconds(2)))
                .as("already over")
                .isFalse();
        assertThat(runs.release(a.id(), "w1", RunStatus.SUCCEEDED, null, null, null, t0))
                .isFalse();
        assertThat(runs.status(a.id())).contains(RunStatus.CANCELLED);
        assertThat(runs.claimDue("w1", t0.plusSeconds(100), t0.plusSeconds(130), 1))
                .isEmpty();
    }

    @Test
    void manyWorkersClaimEachRunExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Run r = queued(ws, "wf", t0);
            runs.insert(r);
            ids.add(r.id());
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (int w = 0; w < 6; w++) {
                String owner = "w" + w;
                pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (Run r : runs.claimDue(owner, t0.plusSeconds(1), t0.plusSeconds(30), 4)) {
                            if (!seen.add(r.id())) {
                                synchronized (duplicates) {
                                    duplicates.add(r.id());
                                }
                            }
                        }
                    }
                    return null;
                });
            }
        }
        assertThat(duplicates).isEmpty();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void stepStatesAreSavedInPlaceAndListedInTimelineOrder() {
        Run a = queued(ws, "wf", t0);
        runs.insert(a);
        StepState first =
                new StepState(a.id(), "one", ws, 1, StepStatus.RUNNING, 1, "{\"in\":1}", null, null, t0, null);
        StepState second = new StepState(a.id(), "two", ws, 2, StepStatus.SUCCEEDED, 0, null, "{}", null, t0, t0);
        steps.insertAll(List.of(second));
        steps.save(first);
        StepState retried = new StepState(
                a.id(),
                "one",
                ws,
                1,
                StepStatus.SUCCEEDED,
                2,
                "{\"in\":1}",
                "{\"out\":2}",
                null,
                t0,
                t0.plusSeconds(3));
        steps.save(retried);
        assertThat(steps.list(ws, a.id())).containsExactly(retried, second);
        assertThat(steps.list(Ids.newId(), a.id())).as("another workspace").isEmpty();
    }

    @Test
    void pruningFindsOldFinishedRunsAndThoseBeyondTheNewestAndDeletesThemWithTheirSteps() {
        String workflow = "wf-" + Ids.newId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Run r = queued(ws, workflow, t0.plusSeconds(i));
            runs.insert(r);
            runs.claimDue("w", t0.plusSeconds(10), t0.plusSeconds(40), 10);
            ids.add(r.id());
        }
        for (int i = 0; i < 4; i++) {
            assertThat(runs.release(ids.get(i), "w", RunStatus.SUCCEEDED, null, null, null, t0.plusSeconds(100 + i)))
                    .isTrue();
        }
        steps.save(new StepState(ids.get(0), "a", ws, 1, StepStatus.SUCCEEDED, 1, null, "{}", null, t0, t0));

        assertThat(runs.finishedBefore(t0.plusSeconds(102), 10)).containsExactly(ids.get(0), ids.get(1));
        assertThat(runs.finishedBefore(t0.plusSeconds(102), 1)).containsExactly(ids.get(0));
        assertThat(runs.workflowsWithMoreRunsThan(4)).contains(workflow);
        assertThat(runs.workflowsWithMoreRunsThan(5)).doesNotContain(workflow);
        assertThat(runs.finishedBeyondNewest(workflow, 2, 10))
                .as("the unfinished newest one is kept anyway; of the rest, all but the newest two")
                .containsExactly(ids.get(0), ids.get(1), ids.get(2));

        assertThat(runs.deleteWithSteps(List.of(ids.get(0), ids.get(1)))).isEqualTo(2);
        assertThat(runs.find(ws, ids.get(0))).isEmpty();
        assertThat(steps.list(ws, ids.get(0))).isEmpty();
        assertThat(runs.find(ws, ids.get(2))).isPresent();
    }

    @Test
    void countsTheRunsOfAWorkflowThatWorkersHoldNow() {
        String workflow = "wf-" + Ids.newId();
        Run a = queued(ws, workflow, t0);
        Run b = queued(ws, workflow, t0);
        Run c = queued(ws, workflow, t0.plusSeconds(500));
        List.of(a, b, c).forEach(runs::insert);
        assertThat(runs.countHeld(workflow, a.id(), t0)).isZero();
        runs.claimDue("w", t0.plusSeconds(1), t0.plusSeconds(31), 10);
        assertThat(runs.countHeld(workflow, a.id(), t0.plusSeconds(2)))
                .as("b, not a itself")
                .isEqualTo(1);
        assertThat(runs.countHeld(workflow, "other", t0.plusSeconds(2))).isEqualTo(2);
        assertThat(runs.countHeld(workflow, "other", t0.plusSeconds(40)))
                .as("leases expired")
                .isZero();
    }

    @Test
    void insertsManyRunsAtOnce() {
        List<Run> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(queued(ws, "wf-batch", t0.plusSeconds(i)));
        }
        runs.insertAll(batch);
        assertThat(runs.list(ws, "wf-batch", null, null, null, 10)).containsExactlyElementsOf(batch.reversed());
        runs.insertAll(List.of());
    }

    @Test
    void pagesNewestFirstByCreatedAtAndIdWithoutSkippingOrRepeatingRunsOfOneInstant() {
        List<Run> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) { // the first three in one microsecond: a page boundary falls among them
            mine.add(queued(ws, "wf-page", t0.plusSeconds(i < 3 ? 0 : i)));
        }
        Run otherWorkflow = queued(ws, "wf-other", t0.plusSeconds(4));
        Run otherWorkspace = queued(Ids.newId(), "wf-page", t0);
        runs.insertAll(mine);
        List.of(otherWorkflow, otherWorkspace).forEach(runs::insert);
        List<Run> newestFirst = new ArrayList<>(mine);
        newestFirst.sort(java.util.Comparator.comparing(Run::createdAt)
                .thenComparing(Run::id)
                .reversed());

        assertThat(walk("wf-page", null, null, 3)).containsExactlyElementsOf(newestFirst);
        List<Run> all = new ArrayList<>(newestFirst);
        all.add(otherWorkflow);
        all.sort(java.util.Comparator.comparing(Run::createdAt)
                .thenComparing(Run::id)
                .reversed());
        assertThat(walk(null, null, null, 2)).containsExactlyElementsOf(all);
        assertThat(walk(null, null, null, 1)).containsExactlyElementsOf(all);

        // the cursor goes with the other filters: a time window, a status
        assertThat(walk("wf-page", t0, t0.plusSeconds(5), 2))
                .containsExactlyElementsOf(newestFirst.stream()
                        .filter(r -> r.createdAt().isBefore(t0.plusSeconds(5)))
                        .toList());
        assertThat(walk(null, t0.plusSeconds(1), null, 2))
                .extracting(Run::createdAt)
                .allMatch(at -> !at.isBefore(t0.plusSeconds(1)))
                .hasSize(5);
        RunCursor afterFirst = RunCursor.after(newestFirst.getFirst());
        assertThat(runs.list(ws, "wf-page", RunStatus.QUEUED, null, null, afterFirst, 10))
                .containsExactlyElementsOf(newestFirst.subList(1, 7));
        assertThat(runs.list(ws, "wf-page", RunStatus.FAILED, null, null, afterFirst, 10))
                .isEmpty();
    }

    /** Every page of a listing, each from the cursor of the one before (through its text form, as clients do). */
    private List<Run> walk(String workflow, Instant since, Instant before, int limit) {
        List<Run> seen = new ArrayList<>();
        RunCursor cursor = null;
        for (int pages = 0; pages < 50; pages++) {
            List<Run> page = runs.list(ws, workflow, null, since, before, cursor, limit);
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            seen.addAll(page);
            if (page.size() < limit) {
                return seen;
            }
            cursor = RunCursor.decode(RunCursor.after(page.getLast()).encode()).orElseThrow();
        }
        throw new AssertionError("paging did not end: " + seen.size() + " runs");
    }

    @Test
    void aCursorIsOnlyWhatTheListGave() {
        Run run = queued(ws, "wf", t0);
        RunCursor cursor = RunCursor.after(run);
        assertThat(RunCursor.decode(cursor.encode())).contains(cursor);
        for (String bad : new String[] {"", "!!", "cjEKeAp5", t0.toString(), run.id(), cursor.encode() + "A"}) {
            assertThat(RunCursor.decode(bad)).as(bad).isEmpty();
        }
    }
}
