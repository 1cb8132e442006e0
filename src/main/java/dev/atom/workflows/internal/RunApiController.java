package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/runs}: the run history with filters and keyset paging, one run's timeline, cancel. */
@RestController
class RunApiController {
    private static final int MAX_LIMIT = 200;
    private final RunService runs;
    private final RunReplays replays;

    RunApiController(RunService runs, RunReplays replays) {
        this.runs = runs;
        this.replays = replays;
    }

    /**
     * Newest first. {@code nextCursor} (and a {@code Link: rel="next"} header with the same filters) is there
     * when more runs match; {@code nextBefore}, the last run's time, is kept for older clients, though paging by
     * it skips runs created in the same microsecond as that last one.
     */
    @GetMapping("/api/v1/runs")
    ResponseEntity<Map<String, Object>> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String workflow,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String trigger,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String before,
            @RequestParam(required = false) String cursor,
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
        if (trigger != null && !trigger.matches("[a-z0-9._-]{1,100}")) {
            errors.add("trigger", "must be a trigger type such as chat, api, manual, webhook or schedule");
        }
        Instant from = instant(since, "since", errors);
        Instant until = instant(before, "before", errors);
        RunCursor after = null;
        if (cursor != null) {
            after = RunCursor.decode(cursor).orElse(null);
            if (after == null) {
                errors.add("cursor", "is not a cursor this list gave (use nextCursor of the previous page)");
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add("limit", "must be from 1 to " + MAX_LIMIT);
        }
        errors.throwIfAny();
        RunService.RunPage page = runs.page(user, workflow, trigger, wanted, from, until, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.runs().stream().map(r -> RunJson.of(r, null)).toList());
        if (page.next() == null) {
            return ResponseEntity.ok(body);
        }
        String next = page.next().encode();
        body.put("nextCursor", next);
        body.put("nextBefore", page.next().createdAt().toString());
        var uri = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("cursor", next)
                .build();
        String link = uri.getPath() + "?" + uri.getQuery(); // relative: right behind any proxy
        return ResponseEntity.ok()
                .header("Link", "<" + link + ">; rel=\"next\"")
                .body(body);
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

    /**
     * A new run that goes on from the failed step: {@code {"stepInput": {...}}} optionally edits its input; an
     * action run (trigger chat or api) needs {@code "confirm": true} (409 otherwise: it may act again).
     */
    @PostMapping("/api/v1/runs/{id}/replay")
    ResponseEntity<Map<String, String>> replay(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        JsonNode stepInput = body == null || !body.hasNonNull("stepInput") ? null : body.get("stepInput");
        JsonNode confirm = body == null ? null : body.get("confirm");
        if (confirm != null && !confirm.isBoolean()) {
            throw ApiException.invalid("confirm", "must be true or false");
        }
        String runId = replays.replay(user, id, stepInput, confirm != null && confirm.asBoolean());
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
