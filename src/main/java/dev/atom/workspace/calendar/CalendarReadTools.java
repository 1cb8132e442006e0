package dev.atom.workspace.calendar;

import static dev.atom.workspace.tools.Inputs.JSON;

import dev.atom.shared.web.FieldErrors;
import dev.atom.tools.PageItem;
import dev.atom.tools.Tool;
import dev.atom.tools.Tool.Effect;
import dev.atom.tools.ToolResult;
import dev.atom.workspace.tools.Inputs;
import dev.atom.workspace.tools.Schemas;
import dev.atom.workspace.tools.ToolCalls;
import dev.atom.workspace.tools.WorkspaceTool;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The assistant's calendar reads: the user's events in a range, and free slots (with colleagues who share). */
@Configuration(proxyBeanMethods = false)
class CalendarReadTools {
    static final int MAX_EVENTS = 100;
    private static final String TIME =
            "ISO-8601 date (2026-03-02) or date-time (2026-03-02T09:00, read in the" + " user's time zone)";

    @Bean
    Tool calendarListTool(ToolCalls calls, CalendarService calendar, Clock clock) {
        return WorkspaceTool.builder(calls, "calendar_list", Effect.READ)
                .description("Lists the user's calendar events in a range (default: the next 7 days) across the"
                        + " Atom calendar and the connected calendars they may see, conflicts marked. Also returns"
                        + " the calendars (ids for calendar_create_event).")
                .schema(Schemas.object()
                        .string("from", "Start of the range, " + TIME + "; default today", false)
                        .string("to", "End of the range (exclusive), " + TIME + "; default 7 days after from", false)
                        .strings("calendars", "Only these calendar ids (default: all)", 50)
                        .build())
                .call((user, context, input) -> {
                    ZoneId zone = ToolCalls.zone(context);
                    FieldErrors errors = new FieldErrors();
                    String fromText = Inputs.text(input, "from");
                    String toText = Inputs.text(input, "to");
                    LocalDate today = clock.instant().atZone(zone).toLocalDate();
                    var from = fromText == null
                            ? new CalendarParams.Time(today.atStartOfDay(zone).toInstant(), today)
                            : CalendarParams.time(fromText, zone, "from", errors);
                    errors.throwIfAny();
                    var to = toText == null
                            ? new CalendarParams.Time(
                                    from.instant().atZone(zone).plusDays(7).toInstant(), null)
                            : CalendarParams.time(toText, zone, "to", errors);
                    CalendarParams.range(from, to, CalendarParams.MAX_EVENTS_RANGE, "to", errors);
                    errors.throwIfAny();
                    List<String> wanted = Inputs.texts(input, "calendars");
                    Set<String> only = wanted == null ? Set.of() : new LinkedHashSet<>(wanted);
                    var result = calendar.events(user, from.instant(), to.instant(), zone, only);
                    Set<String> conflicting = CalendarService.conflicting(result.occurrences());
                    ObjectNode out = JSON.createObjectNode();
                    ArrayNode calendars = out.putArray("calendars");
                    calendar.calendars(user)
                            .forEach(
                                    c -> calendars.addObject().put("id", c.id()).put("name", c.name()));
                    ArrayNode events = out.putArray("events");
                    result.occurrences().stream()
                            .limit(MAX_EVENTS)
                            .forEach(o -> events.add(event(CalendarJson.Event.of(o, zone, conflicting))));
                    out.put("more", result.occurrences().size() > MAX_EVENTS);
                    return new ToolResult.Done(out, "Listed " + events.size() + " events", null);
                });
    }

    @Bean
    Tool calendarFindTimeTool(ToolCalls calls, FindTimeService findTime, Clock clock) {
        return WorkspaceTool.builder(calls, "calendar_find_time", Effect.READ)
                .description("Finds free slots of a given length in the user's calendar (and of attendees who"
                        + " share free/busy), within working hours. Returns start/end pairs, earliest first.")
                .schema(Schemas.object()
                        .integer("minutes", "How long the slot must be", 1, 1440, true)
                        .string("from", "Search from, " + TIME + "; default now", false)
                        .string("to", "Search until, " + TIME + "; default 7 days after from", false)
                        .strings("attendees", "E-mail addresses of colleagues who must be free too", 50)
                        .integer("bufferMinutes", "Free time kept before and after", 0, 240, false)
                        .build())
                .call((user, context, input) -> {
                    ZoneId zone = ToolCalls.zone(context);
                    String from = Inputs.text(input, "from");
                    var start = from == null
                            ? clock.instant().atZone(zone).toOffsetDateTime()
                            : Inputs.dateTime(from, zone, false, "from");
                    String to = Inputs.text(input, "to");
                    var end = to == null ? start.plusDays(7) : Inputs.dateTime(to, zone, false, "to");
                    ObjectNode body = Inputs.copy(input);
                    body.put("from", start.toString());
                    body.put("to", end.toString());
                    body.put("timeZone", zone.getId());
                    var request = CalendarApiController.findTimeRequest(body);
                    var answer = findTime.find(user, request);
                    ObjectNode out = JSON.createObjectNode();
                    ArrayNode slots = out.putArray("slots");
                    answer.slots().stream()
                            .limit(20)
                            .forEach(s -> slots.addObject()
                                    .put("start", CalendarJson.time(s.start(), zone))
                                    .put("end", CalendarJson.time(s.end(), zone)));
                    out.set("attendees", JSON.valueToTree(answer.attendees()));
                    return new ToolResult.Done(out, "Found " + answer.slots().size() + " free slots", null);
                });
    }

    /** An event for the model: no description (it can be long and is outside text), attendees' addresses only. */
    static ObjectNode event(CalendarJson.Event e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", e.id());
        o.put("title", e.title());
        o.put("start", e.start());
        o.put("end", e.end());
        if (e.allDay()) {
            o.put("allDay", true);
        }
        o.put("calendar", e.calendar().id());
        o.put("calendarName", e.calendar().name());
        if (e.location() != null) {
            o.put("location", ToolCalls.cap(e.location(), 200));
        }
        if (e.attendees() != null && !e.attendees().isEmpty()) {
            ArrayNode a = o.putArray("attendees");
            e.attendees().stream().limit(20).forEach(x -> a.add(x.email()));
        }
        if (e.recurring()) {
            o.put("recurring", true);
        }
        if (e.conflict()) {
            o.put("conflict", true);
        }
        if (e.link() != null) {
            o.put("link", e.link());
        }
        return o;
    }

    /**
     * "This event" for the assistant's page context: an event the caller sees (their Atom calendar, or a synced one
     * they may read), its times in the turn's zone; a synced event's text comes from outside.
     */
    @Bean
    PageItem eventPageItem(ToolCalls calls, CalendarToolFacts facts) {
        return PageItem.of(
                "event",
                (context, id) -> calls.read(context, user -> facts.event(user, id))
                        .flatMap(known -> known)
                        .map(e -> {
                            ZoneId zone = ToolCalls.zone(context);
                            ObjectNode o = JSON.createObjectNode()
                                    .put("id", e.id())
                                    .put("title", e.title())
                                    .put("calendar", e.where())
                                    .put("allDay", e.allDay())
                                    .put(
                                            "start",
                                            e.allDay()
                                                    ? String.valueOf(e.startDate())
                                                    : CalendarJson.time(e.start(), zone))
                                    .put(
                                            "end",
                                            e.allDay() ? String.valueOf(e.endDate()) : CalendarJson.time(e.end(), zone))
                                    .put("location", e.location())
                                    .put("description", ToolCalls.cap(e.description(), 2_000));
                            ArrayNode attendees = o.putArray("attendees");
                            e.attendees().forEach(attendees::add);
                            return new PageItem.Described(e.title(), o, !e.own());
                        }));
    }
}
