package dev.atom.workflows.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook runs that must answer with the run's response but cannot run inline: those of a workflow with a
 * {@code concurrency} cap. Such a run is queued like any other, so a worker takes it only while the workflow
 * has a free slot (the cap counts leased runs in the table, so it holds across instances), and the request
 * waits for the run to end or park, at most {@code atom.workflows.webhook-wait} (default 30 s); then it is
 * answered 202 with the run id. Thread-safe.
 */
@Component
class QueuedWebhookRuns {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final Duration wait;

    QueuedWebhookRuns(
            RunRepository runs, RunStepRepository steps, @Value("${atom.workflows.webhook-wait:30s}") Duration wait) {
        this.runs = runs;
        this.steps = steps;
        this.wait = wait;
    }

    /** Waits for the queued run to end or park and returns what the inline turn would have returned. */
    RunEngine.TurnResult await(Run queued, Definition definition) {
        long deadline = System.nanoTime() + wait.toNanos(); // elapsed time, not the (injectable) clock
        long pause = 5;
        while (true) {
            Run run = runs.find(queued.workspaceId(), queued.id()).orElse(null);
            if (run == null) { // deleted meanwhile (the workflow was)
                return new RunEngine.TurnResult(RunStatus.CANCELLED, null, null, "the run was deleted");
            }
            if (run.status().terminal() || run.status() == RunStatus.WAITING) {
                return result(run, definition);
            }
            if (System.nanoTime() - deadline >= 0) {
                return new RunEngine.TurnResult(run.status(), null, null, null);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RunEngine.TurnResult(run.status(), null, null, null);
            }
            pause = Math.min(100, pause * 2);
        }
    }

    private RunEngine.TurnResult result(Run run, Definition definition) {
        JsonNode output = run.output() == null ? null : JSON.readTree(run.output());
        return new RunEngine.TurnResult(run.status(), response(run, definition), output, run.error());
    }

    /** The output of the first respond step that ran, as the inline turn answers with. */
    private JsonNode response(Run run, Definition definition) {
        Set<String> responds = new HashSet<>();
        collectResponds(definition.steps(), responds);
        if (responds.isEmpty()) {
            return null;
        }
        return steps.list(run.workspaceId(), run.id()).stream()
                .filter(s -> s.status() == StepState.StepStatus.SUCCEEDED && responds.contains(s.stepId()))
                .filter(s -> s.output() != null)
                .min((a, b) -> Integer.compare(a.seq(), b.seq()))
                .map(s -> JSON.readTree(s.output()))
                .orElse(null);
    }

    private static void collectResponds(List<Step> list, Set<String> into) {
        for (Step step : list) {
            switch (step) {
                case Step.Respond r -> into.add(r.id());
                case Step.Condition c -> {
                    collectResponds(c.then(), into);
                    collectResponds(c.otherwise(), into);
                }
                case Step.Switch w -> {
                    w.cases().forEach(k -> collectResponds(k.steps(), into));
                    collectResponds(w.otherwise(), into);
                }
                default -> {}
            }
        }
    }
}
