package dev.atom.workspace.tasks;

import dev.atom.shared.web.ApiException;
import dev.atom.workspace.worktasks.WorkItem;
import dev.atom.workspace.worktasks.WorkItemService;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A PATCH of a synced work item: {@code status: "done"} completes it and {@code dueAt} (a date, or a date-time
 * whose date counts; null clears) re-dates it, both written through its connector. Other fields live in the
 * other app: changing them is a 400 naming the field.
 */
final class WorkItemChanges {
    private WorkItemChanges() {}

    static WorkItem apply(WorkItemService service, String viewerId, WorkItem item, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        boolean complete = false;
        boolean redate = false;
        LocalDate due = null;
        for (var field : body.properties()) {
            String name = field.getKey();
            JsonNode v = field.getValue();
            switch (name) {
                case "status" -> {
                    String s = v.isString() ? v.asString() : "";
                    if (s.equals("done")) {
                        complete = true;
                    } else if (!(s.equals("todo") && !item.item().done())) {
                        errors.add(new ApiException.FieldError(
                                "status", "can only become done for a task from another app (reopen it there)"));
                    }
                }
                case "dueAt" -> {
                    redate = true;
                    if (!v.isNull()) {
                        due = date(v);
                        if (due == null) {
                            errors.add(new ApiException.FieldError(
                                    "dueAt", "must be a date (2026-12-24) or an ISO-8601 date-time with offset"));
                        }
                    }
                }
                default ->
                    errors.add(new ApiException.FieldError(
                            name, "cannot be changed here: this task lives in " + item.connector()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        WorkItem now = item;
        if (redate) {
            now = service.redate(item.workspaceId(), viewerId, item.id(), due);
        }
        if (complete) {
            now = service.complete(item.workspaceId(), viewerId, item.id());
        }
        return now;
    }

    private static LocalDate date(JsonNode v) {
        if (!v.isString()) {
            return null;
        }
        String s = v.asString().strip();
        try {
            return s.length() == 10
                    ? LocalDate.parse(s)
                    : OffsetDateTime.parse(s).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
