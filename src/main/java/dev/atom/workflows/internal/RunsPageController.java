package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run history pages: the runs list (filters: workflow, status, days; 100 a page, "Older runs" for the
 * next), one workflow's runs, and a run's timeline of steps, which polls itself every second while the run is
 * not finished.
 */
@Controller
class RunsPageController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int PAGE = 100;
    /** What "Started by" filters on: people's own calls (chat, api) and the workflow triggers. */
    private static final List<String> TRIGGERS = List.of("chat", "api", "manual", "webhook", "schedule");

    private static final int STOP_POLLING = 286;
    private final WorkflowService workflows;
    private final RunService runs;
    private final RunReplays replays;

    RunsPageController(WorkflowService workflows, RunService runs, RunReplays replays) {
        this.workflows = workflows;
        this.runs = runs;
        this.replays = replays;
    }

    record RunRow(
            String id,
            String workflowId,
            String workflowName,
            int version,
            String status,
            String created,
            String duration) {}

    record StepRow(
            String id,
            String status,
            int attempts,
            String started,
            String duration,
            String input,
            String output,
            String error,
            List<String> history) {}

    @GetMapping("/runs")
    String list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String workflow,
            @RequestParam(required = false) String trigger,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        String wf = workflow == null || workflow.isBlank() ? null : workflow;
        String by = trigger == null || trigger.isBlank() ? null : trigger;
        return page(user, "/runs", wf, by, status, from, to, cursor, request, model);
    }

    @GetMapping("/automations/{id}/runs")
    String ofWorkflow(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        Workflow w = workflows.get(user, id);
        String view =
                page(user, "/automations/" + w.id() + "/runs", w.id(), null, status, from, to, cursor, request, model);
        model.addAttribute("workflow", w);
        return view;
    }

    /**
     * A page of the list. "Older runs" asks htmx for the next page with the same filters and a cursor, and gets
     * only its rows (and the next "Older runs"); without htmx the same link opens that page whole.
     */
    private String page(
            CurrentUser user,
            String path,
            String wf,
            String trigger,
            String status,
            String from,
            String to,
            String cursor,
            HttpServletRequest request,
            Model model) {
        Map<String, String> names = new LinkedHashMap<>();
        workflows.list(user).forEach(w -> names.put(w.id(), w.name()));
        List<String> errors = new ArrayList<>();
        RunStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = RunStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                errors.add("Status must be one of queued, running, waiting, succeeded, failed, cancelled.");
            }
        }
        if (trigger != null && !TRIGGERS.contains(trigger)) {
            errors.add("Started by must be one of " + String.join(", ", TRIGGERS) + ".");
        }
        Instant since = day(from, 0, "From", errors);
        Instant before = day(to, 1, "To", errors);
        RunCursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = RunCursor.decode(cursor).orElse(null);
            if (after == null) {
                errors.add("The link to older runs is damaged: start again from the newest runs.");
            }
        }
        RunService.RunPage page = errors.isEmpty()
                ? runs.page(user, wf, trigger, wanted, since, before, after, PAGE)
                : new RunService.RunPage(List.of(), null);
        model.addAttribute("runs", page.runs().stream().map(r -> row(r, names)).toList());
        model.addAttribute(
                "older",
                page.next() == null
                        ? null
                        : link(path, wf, trigger, status, from, to, page.next().encode()));
        model.addAttribute("newest", link(path, wf, trigger, status, from, to, null));
        model.addAttribute("olderPage", cursor != null && !cursor.isBlank());
        model.addAttribute("names", names);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "f",
                Map.of(
                        "workflow", wf == null ? "" : wf,
                        "trigger", trigger == null ? "" : trigger,
                        "status", status == null ? "" : status,
                        "from", from == null ? "" : from,
                        "to", to == null ? "" : to));
        model.addAttribute("triggers", TRIGGERS);
        model.addAttribute(
                "statuses",
                java.util.Arrays.stream(RunStatus.values()).map(RunStatus::wire).toList());
        model.addAttribute("workflow", null);
        boolean more = cursor != null && request.getHeader("HX-Request") != null;
        model.addAttribute("focusFirst", more); // the rows htmx adds: focus goes to the first of them
        return more ? "workflows/runs :: rows" : "workflows/runs";
    }

    /** This list with these filters (the workflow is in the path of one workflow's runs), from {@code cursor}. */
    private static String link(
            String path, String wf, String trigger, String status, String from, String to, String cursor) {
        return UriComponentsBuilder.fromPath(path)
                .queryParamIfPresent("workflow", present(path.equals("/runs") ? wf : null))
                .queryParamIfPresent("trigger", present(trigger))
                .queryParamIfPresent("status", present(status))
                .queryParamIfPresent("from", present(from))
                .queryParamIfPresent("to", present(to))
                .queryParamIfPresent("cursor", present(cursor))
                .encode()
                .build()
                .toUriString();
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    @GetMapping("/runs/{id}")
    String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        timeline(user, runs.get(user, id), model);
        return "workflows/run";
    }

    /** The timeline's content; status 286 tells htmx to stop polling once the run has finished. */
    @GetMapping("/runs/{id}/timeline")
    String timelineFragment(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            HttpServletResponse response,
            Model model) {
        Run run = runs.get(user, id);
        timeline(user, run, model);
        if (run.status().terminal()) {
            response.setStatus(STOP_POLLING);
        }
        return "workflows/run :: timeline";
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        Run run = runs.get(user, id);
        if (!run.status().terminal()) {
            runs.cancel(user, id);
        }
        timeline(user, runs.get(user, id), model);
        return "workflows/run :: timeline";
    }

    /**
     * A new run from the failed step on (htmx follows HX-Redirect to it); an action run's button asks the person
     * first (it may act again) and sends {@code confirm=true}.
     */
    @PostMapping("/runs/{id}/replay")
    String replay(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean confirm,
            HttpServletResponse response,
            Model model) {
        String newRun = replays.replay(user, id, null, confirm);
        response.setHeader("HX-Redirect", "/runs/" + newRun);
        timeline(user, runs.get(user, id), model);
        return "workflows/run :: timeline";
    }

    private void timeline(CurrentUser user, Run run, Model model) {
        String name = workflows.list(user).stream()
                .filter(w -> w.id().equals(run.workflowId()))
                .map(Workflow::name)
                .findFirst()
                .orElse("(deleted)");
        model.addAttribute("run", row(run, Map.of(run.workflowId(), name)));
        model.addAttribute("live", !run.status().terminal());
        model.addAttribute("replayable", run.status() == RunStatus.FAILED || run.status() == RunStatus.CANCELLED);
        model.addAttribute(
                "replayWarning",
                ActionRunDefinitions.isActionRun(run)
                        ? RunReplays.actAgainWarning(JSON.readTree(run.triggerData()), run)
                        : null);
        model.addAttribute("runError", run.error());
        model.addAttribute("trigger", pretty(run.triggerData()));
        model.addAttribute("output", pretty(run.output()));
        var history = runs.attempts(run);
        model.addAttribute(
                "steps",
                runs.steps(run).stream()
                        .map(s -> new StepRow(
                                s.stepId(),
                                s.status().wire(),
                                s.attempts(),
                                time(s.startedAt()),
                                duration(s.startedAt(), s.finishedAt()),
                                pretty(s.input()),
                                pretty(s.output()),
                                s.error(),
                                history.getOrDefault(s.stepId(), List.of()).stream()
                                        .map(a -> "Attempt " + a.attempt() + ": " + a.outcome()
                                                + (a.error() == null ? "" : ": " + a.error())
                                                + (a.endedAt() == null ? "" : " (" + time(a.endedAt()) + ")"))
                                        .toList()))
                        .toList());
    }

    /** An action run's name: its action and who started it ("slack.post_message, from chat"). */
    private static String actionName(Run r) {
        var trigger = JSON.readTree(r.triggerData());
        return trigger.at("/action/action").asString("action") + ", from "
                + trigger.path("type").asString("?");
    }

    private static RunRow row(Run r, Map<String, String> names) {
        return new RunRow(
                r.id(),
                r.workflowId(),
                ActionRunDefinitions.isActionRun(r) ? actionName(r) : names.getOrDefault(r.workflowId(), "(deleted)"),
                r.version(),
                r.status().wire(),
                time(r.createdAt()),
                duration(r.startedAt(), r.finishedAt()));
    }

    private static Instant day(String value, int plusDays, String label, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value)
                    .plusDays(plusDays)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            errors.add(label + " must be a date such as 2026-11-24.");
            return null;
        }
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "";
        }
        long ms = Duration.between(start, end).toMillis();
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (RuntimeException e) {
            return json; // not JSON (a capped or plain value): shown as it is
        }
    }
}
