package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.PublicUrl;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The Automations page: the workspace's workflows with their trigger, published version, on/off switch (htmx,
 * one row at a time), last run, "Run now" (its form is {@link RunNowPageController}'s) and, for webhook
 * triggers, the URL to copy.
 */
@Controller
class AutomationsPageController {
    private final WorkflowService workflows;
    private final RunService runs;
    private final PublicUrl publicUrl;
    private final Attention attention;
    private final TriggerRepository triggers;

    AutomationsPageController(
            WorkflowService workflows,
            RunService runs,
            PublicUrl publicUrl,
            Attention attention,
            TriggerRepository triggers) {
        this.workflows = workflows;
        this.runs = runs;
        this.publicUrl = publicUrl;
        this.attention = attention;
        this.triggers = triggers;
    }

    /** One line of the list. {@code lastRun} is null when it never ran. */
    record Row(
            String id,
            String name,
            String triggerType,
            Integer version,
            boolean enabled,
            String webhookUrl,
            String lastStatus,
            String lastAt,
            String lastRunId,
            int alerts,
            String triggerError) {}

    @GetMapping("/automations")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("attentionItems", attention.items(user));
        model.addAttribute(
                "rows", workflows.list(user).stream().map(w -> row(user, w)).toList());
        return "workflows/list";
    }

    @PostMapping("/automations/{id}/enable")
    String enable(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("r", row(user, workflows.setEnabled(user, id, true)));
        return "workflows/list :: row";
    }

    @PostMapping("/automations/{id}/disable")
    String disable(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, Model model) {
        model.addAttribute("r", row(user, workflows.setEnabled(user, id, false)));
        return "workflows/list :: row";
    }

    private Row row(CurrentUser user, Workflow w) {
        List<Run> last = runs.list(user, w.id(), null, null, null, 1);
        Run r = last.isEmpty() ? null : last.getFirst();
        return new Row(
                w.id(),
                w.name(),
                WorkflowService.triggerType(w),
                w.activeVersion(),
                w.enabled(),
                webhookUrl(w, publicUrl),
                r == null ? null : r.status().wire(),
                r == null ? null : RunsPageController.time(r.createdAt()),
                r == null ? null : r.id(),
                attention.openFor(user, w.id()),
                triggerError(w));
    }

    /** The last error of a trigger that is failing now (visible on the workflow, not only in an alert). */
    private String triggerError(Workflow w) {
        return triggers.find(w.workspaceId(), w.id())
                .filter(t -> t.active() && t.failures() > 0)
                .map(TriggerState::lastError)
                .orElse(null);
    }

    /** The URL a webhook-triggered workflow listens at; null for other triggers. */
    static String webhookUrl(Workflow w, PublicUrl publicUrl) {
        return "webhook".equals(WorkflowService.triggerType(w))
                ? publicUrl.of(WebhookController.PATH) + "/" + w.webhookToken()
                : null;
    }
}
