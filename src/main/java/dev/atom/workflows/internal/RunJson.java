package dev.atom.workflows.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run as the API shows it: its status and, in the detail view, the timeline of its steps. */
record RunJson(
        String id,
        String workflowId,
        int version,
        String status,
        JsonNode trigger,
        JsonNode output,
        String error,
        String createdAt,
        String startedAt,
        String finishedAt,
        List<StepJson> steps) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One step's state: {@code attempts} counts tries, the idempotency key stayed the same across them;
     * {@code attemptHistory} says how each of several attempts ended (empty for a single attempt).
     */
    record StepJson(
            String id,
            String status,
            int attempts,
            JsonNode input,
            JsonNode output,
            String error,
            String startedAt,
            String finishedAt,
            List<AttemptJson> attemptHistory) {}

    /** An attempt of a step that took several: retried, interrupted, succeeded or failed. */
    record AttemptJson(int attempt, String outcome, String error, String endedAt) {}

    static RunJson of(Run r, List<StepState> steps) {
        return of(r, steps, Map.of());
    }

    static RunJson of(Run r, List<StepState> steps, Map<String, List<RunStepRepository.Attempt>> history) {
        return new RunJson(
                r.id(),
                r.workflowId(),
                r.version(),
                r.status().wire(),
                json(r.triggerData()),
                json(r.output()),
                r.error(),
                text(r.createdAt()),
                text(r.startedAt()),
                text(r.finishedAt()),
                steps == null
                        ? null
                        : steps.stream()
                                .map(s -> new StepJson(
                                        s.stepId(),
                                        s.status().wire(),
                                        s.attempts(),
                                        json(s.input()),
                                        json(s.output()),
                                        s.error(),
                                        text(s.startedAt()),
                                        text(s.finishedAt()),
                                        history.getOrDefault(s.stepId(), List.of()).stream()
                                                .map(a -> new AttemptJson(
                                                        a.attempt(), a.outcome(), a.error(), text(a.endedAt())))
                                                .toList()))
                                .toList());
    }

    private static JsonNode json(String text) {
        return text == null ? null : JSON.readTree(text);
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
