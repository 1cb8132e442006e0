package dev.atom.connectors.outlook;

import static dev.atom.connectors.outlook.Graph.text;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code outlook.free_busy}: when people are busy (POST /me/calendar/getSchedule). Stateless. */
final class OutlookFreeBusy {
    private OutlookFreeBusy() {}

    @Schema(description = "A time range and whose calendars to look at")
    record Input(
            @Schema(description = "Start of the range") OutlookEvent.When start,

            @Schema(description = "End of the range (at most 62 days after the start)")
            OutlookEvent.When end,

            @Schema(description = "E-mail addresses of users, groups or rooms; default the connected mailbox") @Nullable
            List<String> schedules,

            @Schema(
                    description = "Minutes per slot of the availability view (5-1440, default 30)",
                    minimum = 5,
                    maximum = 1440)
            @Nullable
            Integer intervalMinutes) {}

    record Busy(
            @Schema(description = "busy, tentative, oof, workingElsewhere or free") @Nullable
            String status,

            @Schema(description = "From (in the range's time zone)")
            OutlookEvent.@Nullable When start,

            @Schema(description = "Until") OutlookEvent.@Nullable When end,

            @Schema(description = "The event's title, when the calendar shares it") @Nullable
            String subject) {}

    record Schedule(
            @Schema(description = "The address asked about") String scheduleId,

            @Schema(
                    description =
                            "One digit per slot: 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere")
            @Nullable
            String availabilityView,

            @Schema(description = "Its busy intervals in the range")
            List<Busy> busy,

            @Schema(description = "Why it could not be read, if so") @Nullable
            String error) {}

    record Output(
            @Schema(description = "One entry per address asked about")
            List<Schedule> schedules) {}

    static final LambdaAction<Input, Output> FREE_BUSY = BaseAction.read(
            "outlook.free_busy",
            "Find free and busy times",
            "Returns when people (or rooms) are busy in a time range, to find a free slot.",
            Input.class,
            Output.class,
            OutlookFreeBusy::query);

    private static Output query(ActionContext context, Input in) {
        List<String> schedules = in.schedules();
        if (schedules == null || schedules.isEmpty()) {
            schedules = List.of(ownAddress(context));
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            addresses.add((String) OutlookSend.emailAddress(schedules.get(i), "schedules[" + i + "]")
                    .get("address"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schedules", addresses);
        body.put("startTime", OutlookEvents.when(in.start(), "start"));
        body.put("endTime", OutlookEvents.when(in.end(), "end"));
        body.put("availabilityViewInterval", in.intervalMinutes() == null ? 30 : in.intervalMinutes());
        String zone = in.start().timeZone() == null ? "UTC" : in.start().timeZone();
        JsonNode answer = Graph.call(
                context,
                "POST",
                context.baseUrl() + "/me/calendar/getSchedule",
                body,
                null,
                "start",
                OutlookEvents.timeZone(zone, "start.timeZone"));
        List<Schedule> out = new ArrayList<>();
        for (JsonNode s : answer.path("value")) {
            List<Busy> busy = new ArrayList<>();
            for (JsonNode item : s.path("scheduleItems")) {
                busy.add(new Busy(
                        text(item, "status"), when(item.path("start")), when(item.path("end")), text(item, "subject")));
            }
            JsonNode error = s.path("error");
            out.add(new Schedule(
                    text(s, "scheduleId"),
                    text(s, "availabilityView"),
                    busy,
                    error.isObject() ? text(error, "message") : null));
        }
        return new Output(out);
    }

    private static OutlookEvent.When when(JsonNode w) {
        String dateTime = text(w, "dateTime");
        return dateTime == null ? null : new OutlookEvent.When(dateTime, text(w, "timeZone"));
    }

    /** The connected mailbox's address (getSchedule needs addresses, even for oneself). */
    static String ownAddress(ActionContext context) {
        JsonNode me = Graph.get(context, OutlookConnector.me(context), null);
        String address = text(me, "mail") != null ? text(me, "mail") : text(me, "userPrincipalName");
        if (address == null) {
            throw new ConnectorException.InvalidInput("schedules", "the mailbox has no address: give one");
        }
        return address;
    }
}
