package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Waking waiting runs from outside the engine (approvals, sub-workflows), on SQLite and PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class RunWaitRepositoryTest {
    /** Far-future time windows, as in RunRepositoryTest, so a live engine never sees these runs as due. */
    private static final AtomicInteger TESTS = new AtomicInteger();

    @Parameter
    TestDatabase db;

    private RunRepository runs;
    private RunStepRepository steps;
    private RunWaitRepository waits;
    private String ws;
    private Instant t0;

    @BeforeEach
    void setUp() {
        runs = new RunRepository(db.jdbc(), db.dialect(), event -> {});
        steps = new RunStepRepository(db.jdbc());
        waits = new RunWaitRepository(db.jdbc());
        ws = Ids.newId();
        t0 = Instant.parse("2190-01-01T00:00:00Z").minus(Duration.ofDays(30L * TESTS.incrementAndGet()));
    }

    private Run waiting(String workspace, Instant due) {
        Run r = new Run(
                Ids.newId(), workspace, "wf-w", 1, RunStatus.WAITING, "{}", null, null, due, null, null, t0, t0, null);
        runs.insert(r);
        return r;
    }

    private StepState step(Run run, String id, StepStatus status, String output) {
        StepState s = new StepState(run.id(), id, run.workspaceId(), 1, status, 1, null, output, null, t0, null);
        steps.save(s);
        return s;
    }

    @Test
    void aHeldRunCannotBeClaimedAndIsDueWhenReleased() {
        Run run = waiting(ws, t0);
        assertThat(waits.hold(Ids.newId(), run.id(), "me", t0, t0.plusSeconds(30)))
                .as("another workspace")
                .isFalse();
        assertThat(waits.hold(ws, run.id(), "me", t0, t0.plusSeconds(30))).isTrue();
        assertThat(waits.hold(ws, run.id(), "you", t0.plusSeconds(1), t0.plusSeconds(31)))
                .as("held")
                .isFalse();
        assertThat(runs.claimDue("engine", t0.plusSeconds(2), t0.plusSeconds(60), 10))
                .extracting(Run::id)
                .doesNotContain(run.id());
        assertThat(waits.releaseDue(run.id(), "you", t0.plusSeconds(2))).isFalse();
        assertThat(waits.releaseDue(run.id(), "me", t0.plusSeconds(2))).isTrue();
        Run after = runs.find(ws, run.id()).orElseThrow();
        assertThat(after.dueAt()).isEqualTo(t0.plusSeconds(2));
        assertThat(after.leaseOwner()).isNull();
    }

    @Test
    void wakeMakesAnUnheldWaitingRunDueNow() {
        Run run = waiting(ws, t0.plus(Duration.ofDays(1)));
        assertThat(waits.wake(Ids.newId(), run.id(), t0)).isFalse();
        assertThat(waits.wake(ws, run.id(), t0)).isTrue();
        assertThat(runs.find(ws, run.id()).orElseThrow().dueAt()).isEqualTo(t0);
        Run held = waiting(ws, null);
        waits.hold(ws, held.id(), "me", t0, t0.plusSeconds(30));
        assertThat(waits.wake(ws, held.id(), t0)).as("a held run is left alone").isFalse();
    }

    @Test
    void waitingStepsListsOnlyThisWorkspacesWaitingSteps() {
        Run a = waiting(ws, null);
        step(a, "ask", StepStatus.WAITING, "{\"type\":\"approval\"}");
        step(a, "done", StepStatus.SUCCEEDED, "1");
        Run other = waiting(Ids.newId(), null);
        step(other, "ask", StepStatus.WAITING, "{}");
        List<RunWaitRepository.WaitingStep> found = waits.waitingSteps(ws, 10);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().runId()).isEqualTo(a.id());
        assertThat(found.getFirst().stepId()).isEqualTo("ask");
        assertThat(found.getFirst().workflowId()).isEqualTo("wf-w");
        assertThat(found.getFirst().output()).isEqualTo("{\"type\":\"approval\"}");
    }
}
