package dev.atom.workspace.calendar;

import dev.atom.shared.web.FieldErrors;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A new event or the changes to one, as POST and PATCH /api/v1/calendar/events take them; on PATCH absent fields
 * stay as they are. {@code start}/{@code end} given as dates make an all-day event (end exclusive).
 */
record EventInput(
        String calendar,
        String title,
        CalendarParams.Time start,
        CalendarParams.Time end,
        ZoneId zone,
        String timeZoneName,
        List<String> attendees,
        String location,
        String description) {

    boolean allDay() {
        return start != null && start.isDate();
    }

    static EventInput parse(JsonNode body, boolean create) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object");
            errors.throwIfAny();
        }
        String calendar = text(body, "calendar", errors);
        String title = text(body, "title", errors);
        String tz = text(body, "timeZone", errors);
        ZoneId zone = CalendarParams.zone(tz, "timeZone", errors);
        CalendarParams.Time start = body.has("start") || create
                ? CalendarParams.time(text(body, "start", errors), zone, "start", errors)
                : null;
        CalendarParams.Time end =
                body.has("end") || create ? CalendarParams.time(text(body, "end", errors), zone, "end", errors) : null;
        if (create && (calendar == null || calendar.isBlank())) {
            errors.add("calendar", "is required: local, or a calendar.id from GET /api/v1/calendar/events");
        }
        if (create && (title == null || title.isBlank())) {
            errors.add("title", "is required");
        }
        if (title != null && title.length() > 1024) {
            errors.add("title", "must be at most 1024 characters");
        }
        if (start != null && end != null) {
            if (start.isDate() != end.isDate()) {
                errors.add("end", "must be a date when start is a date (an all-day event), else a date-time");
            } else if (!end.instant().isAfter(start.instant())) {
                errors.add("end", "must be after start");
            }
        }
        List<String> attendees = null;
        if (body.has("attendees") && !body.get("attendees").isNull()) {
            attendees = new ArrayList<>();
            JsonNode a = body.get("attendees");
            if (!a.isArray() || a.size() > 200) {
                errors.add("attendees", "must be a list of at most 200 e-mail addresses");
            } else {
                for (int i = 0; i < a.size(); i++) {
                    String email = a.get(i).asString("");
                    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                        errors.add("attendees[" + i + "]", "is not an e-mail address");
                    }
                    attendees.add(email);
                }
            }
        }
        String location = text(body, "location", errors);
        String description = text(body, "description", errors);
        if (description != null && description.length() > 20_000) {
            errors.add("description", "must be at most 20000 characters");
        }
        errors.throwIfAny();
        return new EventInput(calendar, title, start, end, zone, tz, attendees, location, description);
    }

    private static String text(JsonNode body, String field, FieldErrors errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            errors.add(field, "must be a string");
            return null;
        }
        return v.asString();
    }
}
