package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;

/**
 * Group commit of new runs on both databases: every caller's run and steps are committed when insert
 * returns, a failing run fails only its own caller, and a closed writer still writes. Runs are finished
 * (never due), so a live engine of another test never claims them.
 */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class RunWriterTest {
    private static final Instant T0 = Instant.parse("2201-01-01T00:00:00Z");

    @Parameter
    TestDatabase db;

    private RunRepository runs;
    private RunStepRepository steps;
    private RunWriter writer;
    private String ws;

    @BeforeEach
    void setUp() {
        runs = new RunRepository(db.jdbc(), db.dialect(), event -> {});
        steps = new RunStepRepository(db.jdbc());
        writer = new RunWriter(runs, steps, db.transactions());
        ws = Ids.newId();
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    private Run finished(String id) {
        return new Run(id, ws, "wf", 1, RunStatus.SUCCEEDED, "{}", "{\"ok\":1}", null, null, null, null, T0, T0, T0);
    }

    private List<StepState> stepsOf(String runId, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new StepState(
                        runId, "s" + i, ws, i + 1, StepStatus.SUCCEEDED, 1, null, "{\"i\":" + i + "}", null, T0, T0))
                .toList();
    }

    @Test
    void concurrentInsertsAreEachCommittedWithTheirStepsWhenInsertReturns() throws Exception {
        List<String> ids = IntStream.range(0, 400).mapToObj(i -> Ids.newId()).toList();
        List<Callable<Void>> calls = new ArrayList<>();
        for (String id : ids) {
            calls.add(() -> {
                writer.insert(finished(id), stepsOf(id, 3));
                // committed before insert returns: another connection sees it at once
                assertThat(runs.find(ws, id)).isPresent();
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (Future<Void> f : pool.invokeAll(calls)) {
                f.get();
            }
        }
        for (String id : ids) {
            assertThat(runs.find(ws, id)).contains(finished(id));
            assertThat(steps.list(ws, id)).containsExactlyElementsOf(stepsOf(id, 3));
        }
    }

    @Test
    void aFailingRunFailsOnlyItsCaller() throws Exception {
        String taken = Ids.newId();
        writer.insert(finished(taken), List.of());
        List<String> others = IntStream.range(0, 50).mapToObj(i -> Ids.newId()).toList();
        List<Callable<Void>> calls = new ArrayList<>();
        calls.add(() -> {
            writer.insert(finished(taken), List.of());
            return null;
        });
        others.forEach(id -> calls.add(() -> {
            writer.insert(finished(id), stepsOf(id, 2));
            return null;
        }));
        List<Future<Void>> results;
        try (var pool = Executors.newFixedThreadPool(16)) {
            results = pool.invokeAll(calls);
        }
        assertThatThrownBy(results.getFirst()::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DataAccessException.class);
        for (int i = 1; i < results.size(); i++) {
            results.get(i).get();
        }
        for (String id : others) {
            assertThat(steps.list(ws, id)).hasSize(2);
        }
    }

    @Test
    void aRunWithMoreStepsThanOneInsertTakesIsWrittenWhole() {
        String id = Ids.newId();
        writer.insert(finished(id), stepsOf(id, RunStepRepository.ROWS_PER_INSERT * 2 + 5));
        assertThat(steps.list(ws, id)).hasSize(RunStepRepository.ROWS_PER_INSERT * 2 + 5);
    }

    @Test
    void afterCloseCallersWriteThemselves() {
        writer.close();
        String id = Ids.newId();
        writer.insert(finished(id), stepsOf(id, 1));
        assertThat(runs.find(ws, id)).isPresent();
        assertThat(steps.list(ws, id)).hasSize(1);
    }
}
