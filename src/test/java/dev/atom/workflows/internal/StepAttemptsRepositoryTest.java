package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The attempt history that saving a step keeps, on SQLite and PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class StepAttemptsRepositoryTest {
    private static final Instant T0 = Instant.parse("2100-03-01T00:00:00Z");

    @Parameter
    TestDatabase db;

    private RunStepRepository steps;
    private String ws;
    private String run;

    @BeforeEach
    void setUp() {
        steps = new RunStepRepository(db.jdbc(), Clock.fixed(T0, ZoneOffset.UTC));
        ws = Ids.newId();
        run = Ids.newId();
    }

    private void save(StepStatus status, int attempts, String error) {
        steps.save(new StepState(run, "call", ws, 0, status, attempts, null, null, error, T0, null));
    }

    @Test
    void aStepWithOneAttemptLeavesNoHistory() {
        save(StepStatus.RUNNING, 1, null);
        save(StepStatus.SUCCEEDED, 1, null);
        assertThat(steps.attempts(ws, run)).isEmpty();
    }

    @Test
    void retriedInterruptedAndLastAttemptsAreKeptInOrder() {
        save(StepStatus.RUNNING, 1, null);
        save(StepStatus.RETRYING, 1, "HTTP 503");
        save(StepStatus.RUNNING, 2, null); // attempt 1 is on record: nothing more
        save(StepStatus.RUNNING, 3, null); // attempt 2 never ended: its worker stopped
        save(StepStatus.FAILED, 3, "HTTP 500");
        List<RunStepRepository.Attempt> history = steps.attempts(ws, run);
        assertThat(history)
                .extracting(RunStepRepository.Attempt::outcome)
                .containsExactly("retried", "interrupted", "failed");
        assertThat(history)
                .extracting(RunStepRepository.Attempt::error)
                .containsExactly("HTTP 503", "the attempt did not finish (its worker stopped)", "HTTP 500");
        assertThat(history.getFirst().endedAt()).isEqualTo(T0);
        assertThat(steps.interruptions(ws, run, "call")).isEqualTo(1);
        assertThat(steps.attempts(Ids.newId(), run)).as("another workspace").isEmpty();
        assertThat(steps.interruptions(Ids.newId(), run, "call")).isZero();
    }

    @Test
    void theLastAttemptsOutcomeIsSettledKeepingTheErrorItWasRecordedWith() {
        save(StepStatus.RETRYING, 1, "HTTP 503");
        save(StepStatus.RETRYING, 2, "HTTP 502");
        save(StepStatus.FAILED, 2, "gave up after 2 attempts: HTTP 502");
        assertThat(steps.attempts(ws, run))
                .extracting(a -> a.outcome() + ": " + a.error())
                .containsExactly("retried: HTTP 503", "failed: HTTP 502");
    }
}
