package dev.atom.assistant.offline;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An intent as the parse API answers it: {@code intent} names it, the other fields are its parts, dates as ISO
 * dates and moments as ISO offset date-times in the request's zone.
 */
public final class IntentJson {
    /** A task due on a day without a time is due at the end of that day. */
    static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

    private IntentJson() {}

    public static Map<String, Object> of(Intent intent, ZoneId zone) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intent", intent.name());
        switch (intent) {
            case Intent.CreateTask t -> {
                json.put("title", t.title());
                json.put("due", t.dueDate() == null ? null : t.dueDate().toString());
                json.put("dueTime", t.dueTime() == null ? null : t.dueTime().toString());
                json.put(
                        "dueAt",
                        t.dueDate() == null
                                ? null
                                : moment(ZonedDateTime.of(
                                        t.dueDate(), t.dueTime() == null ? END_OF_DAY : t.dueTime(), zone)));
                json.put("priority", t.priority().wire());
            }
            case Intent.CompleteTask c -> json.put("name", c.taskName());
            case Intent.ListTasks l -> json.put("range", l.range().wire());
            case Intent.Agenda a -> {
                json.put("from", a.from().toString());
                json.put("to", a.to().toString());
            }
            case Intent.CreateEvent e -> {
                json.put("title", e.title());
                json.put("start", e.allDay() ? e.start().toLocalDate().toString() : moment(e.start()));
                json.put("end", e.allDay() ? e.end().toLocalDate().toString() : moment(e.end()));
                json.put("allDay", e.allDay());
            }
            case Intent.FindSlot f -> {
                json.put("minutes", f.duration().toMinutes());
                json.put("from", f.from().toString());
                json.put("to", f.to().toString());
            }
            case Intent.Search q -> json.put("query", q.query());
            case Intent.Briefing b -> {}
            case Intent.Unknown u ->
                json.put(
                        "hint",
                        "Without an AI key Atom understands tasks, agenda, events, free time, search and the briefing,"
                                + " for example \"remind me to call Dana tomorrow at 3pm\". Add a key under AI for"
                                + " everything else.");
        }
        return json;
    }

    private static String moment(ZonedDateTime t) {
        return t.toOffsetDateTime().toString();
    }
}
