package dev.atom.connectors.jira;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finishing an issue without knowing its workflow (the transition into any status of the Done category) and
 * setting its due date: what "complete" and "re-date" in Atom's task list do to a Jira issue.
 */
final class JiraIssueCompletion {
    private JiraIssueCompletion() {}

    @Schema(description = "An issue to finish")
    record CompleteInput(
            @Schema(description = "Its key (ABC-123) or id") String issue) {}

    @Schema(description = "A new due date for an issue")
    record DueInput(
            @Schema(description = "Its key (ABC-123) or id") String issue,

            @Schema(description = "The due date; absent clears it", format = "date") @Nullable
            String dueDate) {}

    @Schema(description = "The issue's due date now")
    record DueSet(
            @Schema(description = "The issue's key or id") String issue,

            @Schema(description = "The due date, or absent when cleared", format = "date") @Nullable
            String dueDate) {}

    // Finishing an issue that is already done does nothing, so a repeat is safe
    static final class CompleteIssue extends BaseAction<CompleteInput, JiraIssueChanges.Transitioned> {
        private final JiraApi api;

        CompleteIssue(JiraApi api) {
            super(
                    "jira.complete_issue",
                    "Complete an issue",
                    "Moves a Jira issue into a status of the Done category, whatever its workflow calls it.",
                    CompleteInput.class,
                    JiraIssueChanges.Transitioned.class,
                    true,
                    Idempotency.NATURAL);
            this.api = api;
        }

        @Override
        public JiraIssueChanges.Transitioned execute(ActionContext ctx, CompleteInput in) {
            String key = JiraApi.issue(in.issue(), "issue");
            String path = "/rest/api/3/issue/" + JiraApi.seg(key);
            JsonNode now = api.call(ctx, "GET", path, Map.of("fields", "status"), null, Map.of("", "issue"));
            JsonNode status = now.path("fields").path("status");
            if ("done".equals(status.path("statusCategory").path("key").asString(""))) {
                return new JiraIssueChanges.Transitioned(
                        key, status.path("name").asString(""), false);
            }
            JsonNode options = api.call(ctx, "GET", path + "/transitions", Map.of(), null, Map.of("", "issue"));
            for (JsonNode t : options.path("transitions")) {
                if ("done"
                        .equals(t.path("to").path("statusCategory").path("key").asString(""))) {
                    ObjectNode body = JiraApi.JSON.createObjectNode();
                    body.putObject("transition").put("id", t.path("id").asString());
                    api.call(ctx, "POST", path + "/transitions", Map.of(), body, Map.of("", "issue"));
                    return new JiraIssueChanges.Transitioned(
                            key,
                            t.path("to").path("name").asString(t.path("name").asString()),
                            true);
                }
            }
            throw new ConnectorException.Permanent(
                    409,
                    "issue: " + key + " has no transition into a Done status from "
                            + status.path("name").asString("its status") + " for this account");
        }
    }

    static final class SetDueDate extends BaseAction<DueInput, DueSet> {
        private final JiraApi api;

        SetDueDate(JiraApi api) {
            super(
                    "jira.set_due_date",
                    "Set an issue's due date",
                    "Sets or clears the due date of a Jira issue.",
                    DueInput.class,
                    DueSet.class,
                    true,
                    Idempotency.NATURAL);
            this.api = api;
        }

        @Override
        public DueSet execute(ActionContext ctx, DueInput in) {
            String key = JiraApi.issue(in.issue(), "issue");
            String due = in.dueDate() == null || in.dueDate().isBlank()
                    ? null
                    : in.dueDate().strip();
            if (due != null) {
                try {
                    LocalDate.parse(due);
                } catch (DateTimeParseException e) {
                    throw new ConnectorException.InvalidInput("dueDate", "must be a date like 2026-12-31");
                }
            }
            ObjectNode body = JiraApi.JSON.createObjectNode();
            body.putObject("fields").put("duedate", due);
            api.call(
                    ctx,
                    "PUT",
                    "/rest/api/3/issue/" + JiraApi.seg(key),
                    Map.of(),
                    body,
                    Map.of("", "issue", "duedate", "dueDate"));
            return new DueSet(key, due);
        }
    }
}
