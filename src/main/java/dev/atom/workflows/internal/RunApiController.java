package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.FieldErrors;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/runs}: the run history with filters, one run's timeline, cancel. */
@RestController
class RunApiController {
    private static final int MAX_LIMIT = 200;
    private final RunService runs;
    private final RunReplays replays;

    RunApiController(RunService runs, RunReplays replays) {
        this.runs = runs;
        this.replays = replays;
    }

    @GetMapping("/api/v1/runs")
    Map<String, Object> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String workflow,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String before,
            @RequestParam(required = false, defaultValue = "50") int limit) {
        FieldErrors errors = new FieldErrors();
        RunStatus wanted = null;
        if (status != null) {
            try {
                wanted = RunStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                errors.add("status", "must be one of queued, running, waiting, succeeded, failed, cancelled");
            }
        }
        Instant from = instant(since, "since", errors);
        Instant until = instant(before, "before", errors);
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add("limit", "must be from 1 to " + MAX_LIMIT);
        }
        errors.throwIfAny();
        List<Run> page = runs.list(user, workflow, wanted, from, until, limit);
        List<RunJson> items = page.stream().map(r -> RunJson.of(r, null)).toList();
        String next = page.size() == limit ? page.getLast().createdAt().toString() : null;
        return next == null ? Map.of("items", items) : Map.of("items", items, "nextBefore", next);
    }

    @GetMapping("/api/v1/runs/{id}")
    RunJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Run run = runs.get(user, id);
        return RunJson.of(run, runs.steps(run), runs.attempts(run));
    }

    @PostMapping("/api/v1/runs/{id}/cancel")
    RunJson cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Run run = runs.cancel(user, id);
        return RunJson.of(run, runs.steps(run), runs.attempts(run));
    }

    /** A new run that goes on from the failed step: {@code {"stepInput": {...}}} optionally edits its input. */
    @PostMapping("/api/v1/runs/{id}/replay")
    ResponseEntity<Map<String, String>> replay(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        JsonNode stepInput = body == null || !body.hasNonNull("stepInput") ? null : body.get("stepInput");
        String runId = replays.replay(user, id, stepInput);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/runs/" + runId))
                .body(Map.of("runId", runId, "status", "queued", "replayOf", id));
    }

    private static Instant instant(String value, String field, FieldErrors errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an ISO-8601 instant such as 2026-11-24T09:00:00Z");
            return null;
        }
    }
}
