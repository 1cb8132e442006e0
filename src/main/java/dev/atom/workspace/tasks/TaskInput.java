package dev.atom.workspace.tasks;

import dev.atom.shared.web.FieldErrors;
import dev.atom.workspace.tasks.TaskChanges.Change;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a task request body field by field, so that one answer names every bad field (wrong types and
 * unknown fields included) instead of the first one Jackson trips over.
 */
final class TaskInput {
    static final int MAX_TITLE = 500;
    static final int MAX_NOTES = 20_000;
    static final int MAX_PROJECT = 200;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    private static final Set<String> FIELDS =
            Set.of("title", "notes", "status", "priority", "dueAt", "timeZone", "tags", "assigneeId", "project");
    private static final Set<String> READ_ONLY = Set.of("id", "createdBy", "createdAt", "updatedAt", "completedAt");

    private TaskInput() {}

    /** {@code creating}: a new task needs a title; an update may leave it out. */
    static TaskChanges parse(JsonNode body, boolean creating, FieldErrors errors) {
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object");
            return TaskChanges.none();
        }
        if (creating && !body.has("title")) {
            errors.add("title", "is required");
        }
        for (String name : body.propertyNames()) {
            if (READ_ONLY.contains(name)) {
                errors.add(name, "is read-only");
            } else if (!FIELDS.contains(name)) {
                errors.add(name, "is not a known field");
            }
        }
        return new TaskChanges(
                text(body, "title", errors, TaskInput::title),
                text(body, "notes", errors, n -> n.length() > MAX_NOTES ? "must be at most 20000 characters" : null),
                choice(body, "status", errors, TaskStatus::fromWire, "must be one of todo, doing, done"),
                choice(
                        body,
                        "priority",
                        errors,
                        TaskPriority::fromWire,
                        "must be one of none, low, medium, high, urgent"),
                dueAt(body, errors),
                timeZone(body, errors),
                tags(body, errors),
                text(body, "assigneeId", errors, a -> null),
                text(body, "project", errors, p -> p.length() > MAX_PROJECT ? "must be at most 200 characters" : null));
    }

    private static String title(String title) {
        if (title == null) {
            return "is required";
        }
        return title.length() > MAX_TITLE ? "must be at most 500 characters" : null;
    }

    /** A trimmed text field; blank counts as null. {@code check} answers an error message or null. */
    private static Change<String> text(
            JsonNode body, String field, FieldErrors errors, Function<String, String> check) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isNull() && !node.isString()) {
            errors.add(field, "must be a string");
            return null;
        }
        String value = node.isNull() ? null : node.asString().strip();
        value = value == null || value.isEmpty() ? null : value;
        String problem = value == null && !field.equals("title") ? null : check.apply(value);
        if (problem != null) {
            errors.add(field, problem);
            return null;
        }
        return new Change<>(value);
    }

    private static <T> Change<T> choice(
            JsonNode body, String field, FieldErrors errors, Function<String, Optional<T>> parse, String message) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        var value = node.isString() ? parse.apply(node.asString()) : Optional.<T>empty();
        if (value.isEmpty()) {
            errors.add(field, message);
            return null;
        }
        return new Change<>(value.get());
    }

    /** An ISO-8601 date-time with offset, or a local one that the task's time zone places. */
    private static Change<Temporal> dueAt(JsonNode body, FieldErrors errors) {
        if (!body.has("dueAt")) {
            return null;
        }
        JsonNode node = body.get("dueAt");
        if (node.isNull() || (node.isString() && node.asString().isBlank())) {
            return new Change<>(null);
        }
        if (node.isString()) {
            String text = node.asString().strip();
            try {
                return new Change<>(OffsetDateTime.parse(text));
            } catch (DateTimeParseException e) {
                try {
                    return new Change<>(LocalDateTime.parse(text));
                } catch (DateTimeParseException again) {
                    // reported below
                }
            }
        }
        errors.add("dueAt", "must be an ISO-8601 date-time such as 2026-11-25T15:00:00+01:00");
        return null;
    }

    private static Change<ZoneId> timeZone(JsonNode body, FieldErrors errors) {
        if (!body.has("timeZone")) {
            return null;
        }
        JsonNode node = body.get("timeZone");
        if (node.isNull() || (node.isString() && node.asString().isBlank())) {
            return new Change<>(null);
        }
        ZoneId zone = node.isString() ? zone(node.asString().strip()) : null;
        if (zone == null) {
            errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin");
            return null;
        }
        return new Change<>(zone);
    }

    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Trimmed, de-duplicated (first one wins), each 1..50 characters, at most 20. */
    private static Change<List<String>> tags(JsonNode body, FieldErrors errors) {
        if (!body.has("tags")) {
            return null;
        }
        JsonNode node = body.get("tags");
        if (node.isNull()) {
            return new Change<>(List.of());
        }
        if (!node.isArray()) {
            errors.add("tags", "must be an array of strings");
            return null;
        }
        Set<String> tags = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode tag = node.get(i);
            String text = tag.isString() ? tag.asString().strip() : null;
            if (text == null) {
                errors.add("tags[" + i + "]", "must be a string");
                ok = false;
            } else if (text.isEmpty() || text.length() > MAX_TAG) {
                errors.add("tags[" + i + "]", "must be 1 to 50 characters");
                ok = false;
            } else {
                tags.add(text);
            }
        }
        if (tags.size() > MAX_TAGS) {
            errors.add("tags", "must be at most 20 tags");
            ok = false;
        }
        return ok ? new Change<>(new ArrayList<>(tags)) : null;
    }
}
