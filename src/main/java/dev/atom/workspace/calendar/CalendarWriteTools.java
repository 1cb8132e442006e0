package dev.atom.workspace.calendar;

import static dev.atom.workspace.tools.Inputs.JSON;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.tools.Tool;
import dev.atom.tools.Tool.Effect;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import dev.atom.workspace.tools.Inputs;
import dev.atom.workspace.tools.Schemas;
import dev.atom.workspace.tools.ToolCalls;
import dev.atom.workspace.tools.WorkspaceTool;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant's calendar writes through {@link EventWriter}, as the calendar API makes them. Events of the local
 * calendar are the user's own ({@link Effect#OWN_WRITE}, run at once with undo); events of a connected calendar
 * reach a service and their attendees ({@link Effect#EXTERNAL_WRITE}: previewed and approved first).
 */
@Configuration(proxyBeanMethods = false)
class CalendarWriteTools {
    private static final String TIME = "ISO-8601 date-time such as 2026-03-02T10:00 (read in the user's time zone),"
            + " or a date such as 2026-03-02 for an all-day event (end exclusive)";

    @Bean
    Tool calendarCreateEventTool(ToolCalls calls, EventWriter writer, CalendarToolFacts facts) {
        return WorkspaceTool.builder(calls, "calendar_create_event", Effect.OWN_WRITE)
                .description("Creates an event on the user's Atom calendar (default) or on a connected calendar"
                        + " (a calendar id from calendar_list), inviting attendees. Returns the event.")
                .schema(Schemas.object()
                        .string("title", "The event's title", true)
                        .string("start", "When it starts: " + TIME, true)
                        .string("end", "When it ends: " + TIME, true)
                        .string("calendar", "Calendar id from calendar_list; default local (the Atom calendar)", false)
                        .strings("attendees", "E-mail addresses to invite", 200)
                        .string("location", "Where", false)
                        .string("description", "Notes for the event", false)
                        .build())
                .effectOf((user, context, input) -> isLocal(input) ? Effect.OWN_WRITE : Effect.EXTERNAL_WRITE)
                .preview((user, context, input) -> {
                    EventInput in = parse(input, context, true);
                    return "creates an event “" + in.title() + "” on " + facts.calendar(user, in.calendar()) + ", "
                            + CalendarToolFacts.when(
                                    in.start().instant(), in.end().instant(), in.allDay(), ToolCalls.zone(context))
                            + CalendarToolFacts.invites(in.attendees());
                })
                .call((user, context, input) -> {
                    EventInput in = parse(input, context, true);
                    facts.calendar(user, in.calendar()); // a calendar the caller cannot see is named as the field
                    String id = writer.create(user, in);
                    var event = facts.event(user, id).orElseThrow(() -> ApiException.notFound("Event"));
                    return new ToolResult.Done(
                            json(event, context),
                            "Created “" + event.title() + "” on " + event.where() + ", " + when(event, context),
                            new ToolResult.Undo(
                                    "calendar_cancel_event",
                                    JSON.createObjectNode().put("id", id),
                                    "Cancel “" + event.title() + "”"));
                });
    }

    @Bean
    Tool calendarMoveEventTool(ToolCalls calls, EventWriter writer, CalendarToolFacts facts) {
        return WorkspaceTool.builder(calls, "calendar_move_event", Effect.OWN_WRITE)
                .description("Moves an event to a new start (and end; default: same length). Returns the event.")
                .schema(Schemas.object()
                        .string("id", "The event's id (from calendar_list)", true)
                        .string("start", "New start: " + TIME, true)
                        .string("end", "New end: " + TIME + "; default keeps the length", false)
                        .build())
                .effectOf(
                        (user, context, input) -> facts.own(user.workspaceId(), user.userId(), Inputs.text(input, "id"))
                                ? Effect.OWN_WRITE
                                : Effect.EXTERNAL_WRITE)
                .preview((user, context, input) -> {
                    var before = known(facts, user, input);
                    EventInput to = EventInput.parse(moved(before, input, context), false);
                    return "moves “" + before.title() + "” on " + before.where() + " from " + when(before, context)
                            + " to "
                            + CalendarToolFacts.when(
                                    to.start().instant(), to.end().instant(), to.allDay(), ToolCalls.zone(context))
                            + (before.own() ? "" : tells(before));
                })
                .call((user, context, input) -> {
                    var before = known(facts, user, input);
                    writer.update(user, before.id(), EventInput.parse(moved(before, input, context), false));
                    var after = facts.event(user, before.id()).orElseThrow(() -> ApiException.notFound("Event"));
                    ObjectNode back = times(before, context).put("id", before.id());
                    return new ToolResult.Done(
                            json(after, context),
                            "Moved “" + after.title() + "” to " + when(after, context),
                            new ToolResult.Undo(
                                    "calendar_move_event",
                                    back,
                                    "Move “" + before.title() + "” back to " + when(before, context)));
                });
    }

    @Bean
    Tool calendarCancelEventTool(ToolCalls calls, EventWriter writer, CalendarToolFacts facts) {
        return WorkspaceTool.builder(calls, "calendar_cancel_event", Effect.OWN_WRITE)
                .description("Cancels (deletes) an event. On a connected calendar its attendees are told.")
                .destructive()
                .schema(Schemas.object()
                        .string("id", "The event's id (from calendar_list)", true)
                        .build())
                .effectOf(
                        (user, context, input) -> facts.own(user.workspaceId(), user.userId(), Inputs.text(input, "id"))
                                ? Effect.OWN_WRITE
                                : Effect.EXTERNAL_WRITE)
                .preview((user, context, input) -> {
                    var event = known(facts, user, input);
                    return "cancels “" + event.title() + "” on " + event.where() + ", " + when(event, context)
                            + (event.own() ? "" : tells(event) + "; cannot be undone");
                })
                .call((user, context, input) -> {
                    var event = known(facts, user, input);
                    writer.delete(user, event.id());
                    ToolResult.Undo undo = null;
                    if (event.own()) {
                        ObjectNode again = times(event, context);
                        again.put("calendar", CalendarRef.LOCAL);
                        again.put("title", event.title());
                        ArrayNode attendees = again.putArray("attendees");
                        event.attendees().forEach(attendees::add);
                        if (event.location() != null) {
                            again.put("location", event.location());
                        }
                        if (event.description() != null) {
                            again.put("description", event.description());
                        }
                        undo = new ToolResult.Undo(
                                "calendar_create_event", again, "Create “" + event.title() + "” again");
                    }
                    return new ToolResult.Done(
                            JSON.createObjectNode().put("id", event.id()).put("cancelled", true),
                            "Cancelled “" + event.title() + "”, " + when(event, context),
                            undo);
                });
    }

    private static boolean isLocal(JsonNode input) {
        String calendar = Inputs.text(input, "calendar");
        return calendar == null || calendar.equals(CalendarRef.LOCAL);
    }

    /** The tool's input as the calendar API's body, read in the caller's zone, local calendar by default. */
    private static EventInput parse(JsonNode input, ToolContext context, boolean create) {
        ObjectNode body = Inputs.copy(input);
        body.put("timeZone", ToolCalls.zone(context).getId());
        if (create && Inputs.text(input, "calendar") == null) {
            body.put("calendar", CalendarRef.LOCAL);
        }
        return EventInput.parse(body, create);
    }

    private static CalendarToolFacts.Known known(CalendarToolFacts facts, CurrentUser user, JsonNode input) {
        String id = Inputs.required(input, "id");
        return facts.event(user, id).orElseThrow(() -> ApiException.notFound("Event"));
    }

    /** The calendar API's PATCH body of a move; without an end the event keeps its length. */
    private static ObjectNode moved(CalendarToolFacts.Known before, JsonNode input, ToolContext context) {
        ZoneId zone = ToolCalls.zone(context);
        String start = Inputs.required(input, "start");
        String end = Inputs.text(input, "end");
        if (end == null) {
            if (start.length() == 10 && before.allDay()) {
                long days = ChronoUnit.DAYS.between(before.startDate(), before.endDate());
                end = LocalDate.parse(start).plusDays(Math.max(1, days)).toString();
            } else {
                Duration length = Duration.between(before.start(), before.end());
                end = Inputs.dateTime(start, zone, false, "start").plus(length).toString();
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("start", start);
        body.put("end", end);
        body.put("timeZone", zone.getId());
        return body;
    }

    /** The event's start and end as the tools take them (dates for all-day events). */
    private static ObjectNode times(CalendarToolFacts.Known e, ToolContext context) {
        ObjectNode o = JSON.createObjectNode();
        ZoneId zone = ToolCalls.zone(context);
        o.put("start", e.allDay() ? e.startDate().toString() : CalendarJson.time(e.start(), zone));
        o.put("end", e.allDay() ? e.endDate().toString() : CalendarJson.time(e.end(), zone));
        return o;
    }

    private static ObjectNode json(CalendarToolFacts.Known e, ToolContext context) {
        ObjectNode o = JSON.createObjectNode().put("id", e.id()).put("title", e.title());
        o.setAll(times(e, context));
        o.put("calendar", e.where());
        if (!e.attendees().isEmpty()) {
            ArrayNode a = o.putArray("attendees");
            e.attendees().forEach(a::add);
        }
        return o;
    }

    private static String when(CalendarToolFacts.Known e, ToolContext context) {
        return CalendarToolFacts.when(e.start(), e.end(), e.allDay(), ToolCalls.zone(context));
    }

    private static String tells(CalendarToolFacts.Known e) {
        return e.attendees().isEmpty() ? "" : ", tells " + String.join(", ", e.attendees());
    }
}
