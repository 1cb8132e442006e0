package dev.atom.workspace.worktasks;

import dev.atom.shared.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which connector action completes or re-dates a work item, and its input: the one place that knows each
 * service's way (close the GitHub issue, move the Jira issue into the Done category, complete the Asana task, mark
 * the Trello card's due date complete, complete the Google or Microsoft To Do task, set the Notion status or checkbox / date property).
 */
final class WorkItemWrites {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WorkItemWrites() {}

    /** An action id and its input. */
    record Call(String actionId, ObjectNode input, String statusAfter) {}

    static Call complete(WorkItem w) {
        var item = w.item();
        Map<String, String> refs = item.refs();
        ObjectNode in = NODES.objectNode();
        return switch (w.connector()) {
            case "github" -> {
                in.put("owner", refs.get("owner")).put("repo", refs.get("repo"));
                in.put("issueNumber", Integer.parseInt(refs.get("number")));
                yield new Call("github.close_issue", in, "closed");
            }
            case "jira" -> new Call("jira.complete_issue", in.put("issue", item.externalId()), "Done");
            case "asana" -> new Call("asana.complete_task", in.put("task", item.externalId()), "completed");
            case "trello" ->
                new Call(
                        "trello.update_card_due",
                        in.put("cardId", item.externalId()).put("dueComplete", true),
                        "complete");
            case "google-tasks" ->
                new Call(
                        "google-tasks.complete_task",
                        in.put("taskListId", refs.get("taskList")).put("taskId", item.externalId()),
                        "completed");
            case "microsoft-todo" ->
                new Call(
                        "microsoft-todo.complete_task",
                        in.put("listId", refs.get("listId")).put("taskId", item.externalId()),
                        "completed");
            case "notion" -> {
                in.put("pageId", item.externalId());
                ObjectNode props = in.putObject("properties");
                if (refs.containsKey("statusProperty") && refs.containsKey("doneOption")) {
                    props.put(refs.get("statusProperty"), refs.get("doneOption"));
                    yield new Call("notion.update_page", in, refs.get("doneOption"));
                }
                if (refs.containsKey("checkboxProperty")) {
                    props.put(refs.get("checkboxProperty"), true);
                    yield new Call("notion.update_page", in, "Done");
                }
                throw unsupported("status", "this Notion item has no status with a Complete group nor a Done checkbox");
            }
            default -> throw unsupported("status", "items from " + w.connector() + " cannot be completed from Atom");
        };
    }

    static Call redate(WorkItem w, LocalDate due) {
        var item = w.item();
        ObjectNode in = NODES.objectNode();
        String date = due == null ? null : due.toString();
        return switch (w.connector()) {
            case "jira" ->
                new Call("jira.set_due_date", in.put("issue", item.externalId()).put("dueDate", date), null);
            case "asana" -> {
                if (due == null) {
                    throw unsupported("dueAt", "clearing an Asana task's due date is not offered here");
                }
                yield new Call(
                        "asana.update_task", in.put("task", item.externalId()).put("dueOn", date), null);
            }
            case "trello" -> {
                in.put("cardId", item.externalId());
                if (due == null) {
                    in.put("clearDue", true);
                } else {
                    in.put("due", date);
                }
                yield new Call("trello.update_card_due", in, null);
            }
            case "google-tasks" -> {
                in.put("taskListId", item.refs().get("taskList")).put("taskId", item.externalId());
                if (due == null) {
                    in.put("clearDue", true);
                } else {
                    in.put("due", date);
                }
                yield new Call("google-tasks.update_task", in, null);
            }
            case "microsoft-todo" -> {
                in.put("listId", item.refs().get("listId")).put("taskId", item.externalId());
                if (due == null) {
                    in.put("clearDue", true);
                } else {
                    in.put("due", date);
                }
                yield new Call("microsoft-todo.update_task", in, null);
            }
            case "notion" -> {
                String property = item.refs().get("dateProperty");
                if (property == null) {
                    throw unsupported("dueAt", "this Notion item has no date property");
                }
                in.put("pageId", item.externalId());
                in.putObject("properties").put(property, date);
                yield new Call("notion.update_page", in, null);
            }
            case "github" -> throw unsupported("dueAt", "GitHub issues have no due date (their milestone's is shared)");
            default -> throw unsupported("dueAt", "items from " + w.connector() + " cannot be re-dated from Atom");
        };
    }

    private static ApiException unsupported(String field, String message) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "not-supported",
                message,
                java.util.List.of(new ApiException.FieldError(field, message)));
    }
}
