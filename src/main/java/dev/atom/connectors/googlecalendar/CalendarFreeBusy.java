package dev.atom.connectors.googlecalendar;

import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code google-calendar.free_busy}: busy intervals of calendars (freeBusy.query). Stateless. */
final class CalendarFreeBusy {
    private CalendarFreeBusy() {}

    @Schema(description = "A time range and the calendars to look at")
    record Input(
            @Schema(description = "Start of the range (RFC 3339 with offset)", format = "date-time")
            String timeMin,

            @Schema(description = "End of the range (RFC 3339 with offset)", format = "date-time")
            String timeMax,

            @Schema(description = "Calendar ids or e-mail addresses; default the user's primary calendar") @Nullable
            List<String> calendarIds,

            @Schema(description = "IANA time zone of the answer, e.g. Europe/Berlin (default UTC)") @Nullable
            String timeZone) {}

    record Busy(
            @Schema(description = "Busy from", format = "date-time")
            String start,

            @Schema(description = "Busy until (exclusive)", format = "date-time")
            String end) {}

    record Calendar(
            @Schema(description = "The calendar id") String id,

            @Schema(description = "Its busy intervals in the range")
            List<Busy> busy,

            @Schema(description = "Why it could not be read (notFound, ...), if so")
            List<String> errors) {}

    record Output(
            @Schema(description = "One entry per calendar asked about")
            List<Calendar> calendars) {}

    static final LambdaAction<Input, Output> FREE_BUSY = BaseAction.read(
            "google-calendar.free_busy",
            "Find free and busy times",
            "Returns when the given calendars are busy in a time range, to find a free slot.",
            Input.class,
            Output.class,
            CalendarFreeBusy::query);

    private static Output query(ActionContext context, Input in) {
        List<String> ids =
                in.calendarIds() == null || in.calendarIds().isEmpty() ? List.of("primary") : in.calendarIds();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeMin", in.timeMin());
        body.put("timeMax", in.timeMax());
        if (in.timeZone() != null) {
            body.put("timeZone", in.timeZone());
        }
        body.put("items", ids.stream().map(id -> Map.of("id", id)).toList());
        JsonNode answer = GoogleApi.json(context, "POST", context.baseUrl() + "/freeBusy", body, "timeMin");
        List<Calendar> calendars = new ArrayList<>();
        for (String id : ids) {
            JsonNode c = answer.path("calendars").path(id);
            List<Busy> busy = new ArrayList<>();
            c.path("busy").forEach(b -> busy.add(new Busy(text(b, "start"), text(b, "end"))));
            List<String> errors = new ArrayList<>();
            c.path("errors").forEach(e -> errors.add(text(e, "reason")));
            calendars.add(new Calendar(id, busy, errors));
        }
        return new Output(calendars);
    }
}
