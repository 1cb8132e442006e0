package dev.atom.assistant.offline;

import static dev.atom.assistant.offline.ParserAssistant.JSON;
import static dev.atom.assistant.offline.Replies.quoted;

import dev.atom.assistant.OfflineAssistant.Tools;
import dev.atom.tools.ToolResult;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The offline assistant's calendar, search and briefing answers, each through its tool. One per turn. */
final class OfflineReads {
    private final Tools tools;
    private final ZoneId zone;
    private final ZonedDateTime now;

    OfflineReads(Tools tools, ZonedDateTime now) {
        this.tools = tools;
        this.zone = now.getZone();
        this.now = now;
    }

    String agenda(Intent.Agenda a) {
        ObjectNode input = JSON.createObjectNode()
                .put("from", a.from().toString())
                .put("to", a.to().plusDays(1).toString());
        String days =
                a.from().equals(a.to()) ? Replies.day(a.from()) : Replies.day(a.from()) + " to " + Replies.day(a.to());
        ToolResult result = tools.call("calendar_list", input);
        if (result instanceof ToolResult.Failed f) {
            return Replies.failed("read your calendar", f);
        }
        JsonNode out = ((ToolResult.Done) result).output();
        List<JsonNode> events = out.path("events").valueStream().toList();
        if (events.isEmpty()) {
            return "Nothing on your calendar for " + days + ".";
        }
        List<String> lines = new ArrayList<>();
        events.stream()
                .limit(Replies.MAX_LISTED * 2)
                .forEach(e -> lines.add(event(e, !a.from().equals(a.to()))));
        return "Your agenda for " + days + " (" + events.size() + " events):" + Replies.bullets(lines)
                + Replies.more(lines.size(), events.size(), out.path("more").asBoolean(false));
    }

    /** "09:00–10:00 “Standup”" (with the day when the range has several), conflicts marked. */
    private String event(JsonNode e, boolean withDay) {
        String title = quoted(e.path("title").asString(""));
        String conflict = e.path("conflict").asBoolean(false) ? " (overlaps another event)" : "";
        if (e.path("allDay").asBoolean(false)) {
            String day = e.path("start").asString("");
            return (withDay ? dayOf(day) + ", " : "") + "all day: " + title + conflict;
        }
        ZonedDateTime start = Replies.at(e.get("start"), zone);
        ZonedDateTime end = Replies.at(e.get("end"), zone);
        if (start == null) {
            return title + conflict;
        }
        String when = (withDay ? Replies.day(start.toLocalDate()) + " " : "")
                + Replies.time(start)
                + (end == null ? "" : "–" + Replies.time(end));
        return when + " " + title + conflict;
    }

    private static String dayOf(String isoDate) {
        try {
            return Replies.day(LocalDate.parse(isoDate));
        } catch (java.time.format.DateTimeParseException e) {
            return isoDate;
        }
    }

    String createEvent(Intent.CreateEvent e) {
        ObjectNode input = JSON.createObjectNode().put("title", e.title());
        if (e.allDay()) {
            input.put("start", e.start().toLocalDate().toString());
            input.put("end", e.end().toLocalDate().toString());
        } else { // no offset: the tool reads them in the turn's zone, which is the parser's
            input.put("start", e.start().toLocalDateTime().toString());
            input.put("end", e.end().toLocalDateTime().toString());
        }
        ToolResult result = tools.call("calendar_create_event", input);
        String waiting = Replies.waiting(result);
        if (waiting != null) {
            return waiting;
        }
        return switch (result) {
            case ToolResult.Failed f -> Replies.failed("create the event " + quoted(e.title()), f);
            case ToolResult.Done d ->
                "Created event " + quoted(d.output().path("title").asString(e.title())) + " on "
                        + (e.allDay() ? Replies.day(e.start().toLocalDate()) + ", all day" : span(e)) + ".";
        };
    }

    private static String span(Intent.CreateEvent e) {
        return Replies.moment(e.start()) + "–"
                + (e.end().toLocalDate().equals(e.start().toLocalDate())
                        ? Replies.time(e.end())
                        : Replies.moment(e.end()));
    }

    String findSlot(Intent.FindSlot f) {
        ZonedDateTime from = f.from().atStartOfDay(zone);
        ObjectNode input = JSON.createObjectNode()
                .put("minutes", f.duration().toMinutes())
                .put(
                        "from",
                        (from.isBefore(now) ? now : from)
                                .toLocalDateTime()
                                .withNano(0)
                                .toString())
                .put("to", f.to().plusDays(1).toString());
        ToolResult result = tools.call("calendar_find_time", input);
        if (result instanceof ToolResult.Failed failed) {
            return Replies.failed("look for free time", failed);
        }
        List<JsonNode> slots =
                ((ToolResult.Done) result).output().path("slots").valueStream().toList();
        String length = f.duration().toMinutes() + " minutes";
        String days = f.from().equals(f.to())
                ? "on " + Replies.day(f.from())
                : "from " + Replies.day(f.from()) + " to " + Replies.day(f.to());
        if (slots.isEmpty()) {
            return "I found no free " + length + " " + days + " within working hours.";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode s : slots.stream().limit(5).toList()) {
            ZonedDateTime start = Replies.at(s.get("start"), zone);
            ZonedDateTime end = Replies.at(s.get("end"), zone);
            if (start != null && end != null) {
                lines.add(Replies.moment(start) + "–" + Replies.time(end));
            }
        }
        return "Free for " + length + " " + days + ":" + Replies.bullets(lines) + "\nSay \"block " + length
                + " for ... \" with a time to book one.";
    }

    String search(String query) {
        ToolResult result =
                tools.call("search", JSON.createObjectNode().put("q", query).put("limit", 10));
        if (result instanceof ToolResult.Failed f) {
            return Replies.failed("search for " + quoted(query), f);
        }
        JsonNode out = ((ToolResult.Done) result).output();
        List<JsonNode> hits = out.path("hits").valueStream().toList();
        String note = out.hasNonNull("note") ? "\n(" + out.get("note").asString() + ")" : "";
        if (hits.isEmpty()) {
            return "Nothing found for " + quoted(query) + "." + note;
        }
        List<String> lines = hits.stream()
                .map(h -> quoted(h.path("title").asString("")) + " ("
                        + h.path("type").asString("") + ")"
                        + (h.hasNonNull("link") ? " " + h.get("link").asString() : ""))
                .toList();
        return "Found " + hits.size() + " for " + quoted(query) + ":" + Replies.bullets(lines) + note;
    }

    String briefing(LocalDate today) {
        ToolResult result = tools.call("briefing", JSON.createObjectNode().put("date", today.toString()));
        if (result instanceof ToolResult.Failed f) {
            return Replies.failed("make your briefing", f);
        }
        JsonNode b = ((ToolResult.Done) result).output();
        StringBuilder out = new StringBuilder("Your briefing for " + Replies.day(today) + ".");
        if (b.hasNonNull("summary")) {
            out.append(' ').append(b.get("summary").asString());
        }
        List<String> meetings = new ArrayList<>();
        b.path("meetings").forEach(m -> {
            ZonedDateTime start = Replies.at(m.get("start"), zone);
            meetings.add((start == null || m.path("allDay").asBoolean(false) ? "all day" : Replies.time(start)) + " "
                    + quoted(m.path("title").asString("")));
        });
        if (!meetings.isEmpty()) {
            out.append("\nMeetings:").append(Replies.bullets(meetings));
        }
        List<String> tasks = new ArrayList<>();
        b.path("tasks")
                .forEach(t -> tasks.add(quoted(t.path("title").asString(""))
                        + (t.path("overdue").asBoolean(false) ? " (overdue)" : "")));
        if (!tasks.isEmpty()) {
            out.append("\nTasks:").append(Replies.bullets(tasks));
        }
        return out.toString();
    }
}
