package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code atom.workflows.group-commit} on and off: either way a new run and its steps are committed when
 * insert returns. Runs are finished (never due), so a live engine of another test never claims them.
 */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class RunStoreGroupCommitTest {
    private static final Instant T0 = Instant.parse("2201-01-01T00:00:00Z");

    @Parameter
    TestDatabase db;

    private void insertsAreCommitted(boolean groupCommit) {
        RunRepository runs = new RunRepository(db.jdbc(), db.dialect());
        RunStepRepository steps = new RunStepRepository(db.jdbc());
        var properties = new WorkflowProperties(null, null, null, null, null, null, null, groupCommit);
        RunStore store = new RunStore(runs, steps, db.transactions(), properties);
        try {
            String ws = Ids.newId();
            String id = Ids.newId();
            Run run = new Run(
                    id, ws, "wf", 1, RunStatus.SUCCEEDED, "{}", "{\"ok\":1}", null, null, null, null, T0, T0, T0);
            StepState step = new StepState(id, "s0", ws, 1, StepStatus.SUCCEEDED, 1, null, "{\"i\":0}", null, T0, T0);
            store.insert(run, List.of(step));
            assertThat(runs.find(ws, id)).contains(run);
            assertThat(steps.list(ws, id)).containsExactly(step);
        } finally {
            store.close();
        }
    }

    @Test
    void withGroupCommit() {
        insertsAreCommitted(true);
    }

    @Test
    void withoutGroupCommit() {
        insertsAreCommitted(false);
    }
}
