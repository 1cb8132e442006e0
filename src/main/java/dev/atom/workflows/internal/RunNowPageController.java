package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Run now" with an input, on the Automations list and in the builder: {@code GET /automations/{id}/run} is
 * the form (a panel htmx opens in place, or a page of its own without htmx), prefilled with the input of the
 * workflow's last manual run; posting it starts a run through {@link RunService#runNow} like {@code POST
 * /api/v1/workflows/{id}/runs} and opens the run's timeline. Like the API, any published workflow can be run
 * this way, whatever its trigger (the run's trigger is then {@code {type: "manual", input}}).
 */
@Controller
class RunNowPageController {
    /** How many of the newest runs are searched for the last manual one. */
    private static final int LOOK_BACK = 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int UNPROCESSABLE = 422;
    private final WorkflowService workflows;
    private final RunService runs;

    RunNowPageController(WorkflowService workflows, RunService runs) {
        this.workflows = workflows;
        this.runs = runs;
    }

    @GetMapping("/automations/{id}/run")
    String form(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            HttpServletRequest request,
            Model model) {
        Workflow w = workflows.get(user, id);
        Optional<Run> last = lastManual(user, w);
        JsonNode input =
                last.map(r -> JSON.readTree(r.triggerData()).get("input")).orElse(JSON.createObjectNode());
        model.addAttribute(
                "from", last.map(r -> RunsPageController.time(r.createdAt())).orElse(null));
        return view(w, ManualInput.pretty(input), null, request, model);
    }

    /** Starts the run; a text that is not a JSON object comes back in the form with the reason, and no run. */
    @PostMapping("/automations/{id}/run")
    String run(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String input,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Workflow w = workflows.get(user, id);
        ManualInput.Parsed parsed = ManualInput.parse(input);
        String error = parsed.error();
        if (error == null) {
            try {
                String runId = runs.runNow(user, w.id(), parsed.input());
                if (request.getHeader("HX-Request") != null) {
                    response.setHeader("HX-Redirect", "/runs/" + runId);
                    return "workflows/builder :: empty";
                }
                return "redirect:/runs/" + runId;
            } catch (ApiException e) {
                if (e.status().value() == 404) {
                    throw e;
                }
                error = e.getMessage(); // not published (any more): said in the form
            }
        }
        if (request.getHeader("HX-Request") == null) {
            response.setStatus(UNPROCESSABLE);
        } // htmx swaps only 2xx answers: the form with its error comes back as 200
        model.addAttribute("from", null);
        return view(w, input == null ? "" : input, error, request, model);
    }

    private static String view(Workflow w, String text, String error, HttpServletRequest request, Model model) {
        model.addAttribute("w", w);
        model.addAttribute("triggerType", WorkflowService.triggerType(w));
        model.addAttribute("inputText", text);
        model.addAttribute("error", error);
        return request.getHeader("HX-Request") != null ? "workflows/run-now :: panel" : "workflows/run-now";
    }

    /** The newest manual run among the last few of the workflow (replays of one count: same input). */
    private Optional<Run> lastManual(CurrentUser user, Workflow w) {
        return runs.page(user, w.id(), null, null, null, null, LOOK_BACK).runs().stream()
                .filter(RunNowPageController::manualWithInput)
                .findFirst();
    }

    private static boolean manualWithInput(Run r) {
        try {
            JsonNode trigger = JSON.readTree(r.triggerData());
            return "manual".equals(trigger.path("type").asString(""))
                    && trigger.path("input").isObject();
        } catch (RuntimeException e) {
            return false; // not JSON (cannot happen for rows we wrote): not a candidate
        }
    }
}
