package dev.atom.workspace.calendar;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.TimeZones;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The calendar JSON API: {@code /api/v1/calendar} (bearer tokens), also served under {@code /calendar/api} for the
 * calendar page (its session and CSRF token). Always the caller's own view of their workspace.
 */
@RestController
@RequestMapping({"/api/v1/calendar", "/calendar/api"})
class CalendarApiController {
    private final CalendarService calendar;
    private final FindTimeService findTime;
    private final EventWriter writer;
    private final TimeZones zones;
    private final java.time.Clock clock;

    CalendarApiController(
            CalendarService calendar,
            FindTimeService findTime,
            EventWriter writer,
            TimeZones zones,
            java.time.Clock clock) {
        this.calendar = calendar;
        this.findTime = findTime;
        this.writer = writer;
        this.zones = zones;
        this.clock = clock;
    }

    /** A range from the query: from/to (default: this week from today), timeZone (default: the person's own). */
    private record Range(Instant from, Instant to, ZoneId zone) {}

    private Range range(String from, String to, String timeZone) {
        FieldErrors errors = new FieldErrors();
        ZoneId zone = CalendarParams.zone(timeZone, "timeZone", errors);
        errors.throwIfAny();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        var f = from == null
                ? new CalendarParams.Time(today.atStartOfDay(zone).toInstant(), today)
                : CalendarParams.time(from, zone, "from", errors);
        var t = to == null
                ? new CalendarParams.Time(today.plusDays(7).atStartOfDay(zone).toInstant(), null)
                : CalendarParams.time(to, zone, "to", errors);
        CalendarParams.range(f, t, CalendarParams.MAX_EVENTS_RANGE, "to", errors);
        errors.throwIfAny();
        return new Range(f.instant(), t.instant(), zone);
    }

    @GetMapping("/events")
    CalendarJson.Events events(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) List<String> calendars) {
        Range r = range(from, to, zone(user, timeZone));
        Set<String> wanted = calendars == null ? Set.of() : new LinkedHashSet<>(calendars);
        var result = calendar.events(user, r.from(), r.to(), r.zone(), wanted);
        Set<String> conflicting = CalendarService.conflicting(result.occurrences());
        return new CalendarJson.Events(
                result.occurrences().stream()
                        .map(o -> CalendarJson.Event.of(o, r.zone(), conflicting))
                        .toList(),
                result.skipped().stream()
                        .map(s -> new CalendarJson.Skipped(s.id(), s.title(), s.reason()))
                        .toList());
    }

    @GetMapping("/conflicts")
    CalendarJson.Conflicts conflicts(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String timeZone) {
        Range r = range(from, to, zone(user, timeZone));
        var occ = calendar.events(user, r.from(), r.to(), r.zone(), Set.of()).occurrences();
        Set<String> all = CalendarService.conflicting(occ);
        return new CalendarJson.Conflicts(CalendarService.conflicts(occ).stream()
                .map(c -> new CalendarJson.Conflict(
                        CalendarJson.time(c.start(), r.zone()),
                        CalendarJson.time(c.end(), r.zone()),
                        c.events().stream()
                                .map(o -> CalendarJson.Event.of(o, r.zone(), all))
                                .toList()))
                .toList());
    }

    @GetMapping("/calendars")
    CalendarJson.Calendars calendars(@AuthenticationPrincipal CurrentUser user) {
        return new CalendarJson.Calendars(
                calendar.calendars(user).stream().map(CalendarJson.Calendar::of).toList(),
                calendar.sharesFreeBusy(user));
    }

    /** {@code {shareFreeBusy: true|false}}: whether colleagues may see my busy times (never titles). */
    @PutMapping("/settings")
    CalendarJson.Calendars settings(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        JsonNode share = body == null ? null : body.get("shareFreeBusy");
        if (share == null || !share.isBoolean()) {
            throw ApiException.invalid("shareFreeBusy", "must be true or false");
        }
        calendar.setSharesFreeBusy(user, share.asBoolean());
        return calendars(user);
    }

    @PostMapping("/find-time")
    CalendarJson.FindTime findTime(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        FindTimeService.Request request = findTimeRequest(inPersonalZone(user, body));
        var answer = findTime.find(user, request);
        return new CalendarJson.FindTime(
                answer.slots().stream()
                        .map(s -> new CalendarJson.Slot(
                                CalendarJson.time(s.start(), request.zone()),
                                CalendarJson.time(s.end(), request.zone())))
                        .toList(),
                answer.attendees());
    }

    @PostMapping("/events")
    ResponseEntity<CalendarJson.Created> create(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        EventInput in = EventInput.parse(inPersonalZone(user, body), true);
        String id = writer.create(user, in);
        return ResponseEntity.created(URI.create("/api/v1/calendar/events/" + id))
                .body(written(user, id, in));
    }

    @PatchMapping("/events/{id}")
    CalendarJson.Created update(
            @AuthenticationPrincipal CurrentUser user, @PathVariable String id, @RequestBody JsonNode body) {
        boolean moves = body != null && (body.has("start") || body.has("end"));
        EventInput in = EventInput.parse(moves ? inPersonalZone(user, body) : body, false);
        if (in.calendar() != null) {
            throw ApiException.invalid("calendar", "an event cannot move to another calendar; create it there");
        }
        return written(user, writer.update(user, id, in), in);
    }

    @DeleteMapping("/events/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        writer.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    /** The query's zone, else the person's own (UTC when they chose none). */
    private String zone(CurrentUser user, String timeZone) {
        return timeZone == null || timeZone.isBlank() ? zones.of(user.userId()).getId() : timeZone;
    }

    /** The body, with the person's own zone when it names none: its local times are theirs. */
    private JsonNode inPersonalZone(CurrentUser user, JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            return body;
        }
        JsonNode named = object.get("timeZone");
        if (named != null
                && !named.isNull()
                && !(named.isString() && named.asString().isBlank())) {
            return body;
        }
        return object.deepCopy().put("timeZone", zones.of(user.userId()).getId());
    }

    /** The written event as the calendar now shows it, and the busy events it overlaps. */
    private CalendarJson.Created written(CurrentUser user, String id, EventInput in) {
        ZoneId zone = in.zone() == null ? java.time.ZoneOffset.UTC : in.zone();
        // read the days around it: the event and whatever it overlaps
        Instant[] span = writer.span(user, id);
        if (span == null) {
            return new CalendarJson.Created(null, List.of());
        }
        var probe = calendar.events(
                user, span[0].minus(Duration.ofDays(1)), span[1].plus(Duration.ofDays(1)), zone, Set.of());
        Occurrence mine = probe.occurrences().stream()
                .filter(o -> o.id().equals(id))
                .findFirst()
                .orElse(null);
        if (mine == null) {
            return new CalendarJson.Created(null, List.of());
        }
        List<Occurrence> overlapping = new ArrayList<>();
        for (Occurrence o : probe.occurrences()) {
            if (!o.id().equals(id)
                    && o.busy()
                    && !o.allDay()
                    && mine.busy()
                    && !mine.allDay()
                    && o.start().isBefore(mine.end())
                    && o.end().isAfter(mine.start())) {
                overlapping.add(o);
            }
        }
        Set<String> flag = overlapping.isEmpty() ? Set.of() : Set.of(id);
        return new CalendarJson.Created(
                CalendarJson.Event.of(mine, zone, flag),
                overlapping.stream()
                        .map(o -> CalendarJson.Event.of(o, zone, Set.of(o.id())))
                        .toList());
    }

    /** A find-time body (also the assistant tool's, built from its input), checked field by field. */
    static FindTimeService.Request findTimeRequest(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        JsonNode minutes = body.get("minutes");
        if (minutes == null || !minutes.isIntegralNumber() || minutes.asInt() < 1 || minutes.asInt() > 1440) {
            errors.add("minutes", "must be a whole number of minutes from 1 to 1440");
        }
        ZoneId zone = CalendarParams.zone(string(body, "timeZone", errors), "timeZone", errors);
        var from = CalendarParams.time(string(body, "from", errors), zone, "from", errors);
        var to = CalendarParams.time(string(body, "to", errors), zone, "to", errors);
        CalendarParams.range(from, to, CalendarParams.MAX_FIND_RANGE, "to", errors);
        JsonNode buffer = body.get("bufferMinutes");
        if (buffer != null
                && !buffer.isNull()
                && (!buffer.isIntegralNumber() || buffer.asInt() < 0 || buffer.asInt() > 240)) {
            errors.add("bufferMinutes", "must be a whole number of minutes from 0 to 240");
        }
        List<String> attendees = new ArrayList<>();
        JsonNode a = body.get("attendees");
        if (a != null && !a.isNull()) {
            if (!a.isArray() || a.size() > 50) {
                errors.add("attendees", "must be a list of at most 50 e-mail addresses");
            } else {
                for (int i = 0; i < a.size(); i++) {
                    String email = a.get(i).asString("");
                    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                        errors.add("attendees[" + i + "]", "is not an e-mail address");
                    }
                    attendees.add(email.strip());
                }
            }
        }
        FreeTime.WorkingHours hours = workingHours(body.get("workingHours"), errors);
        errors.throwIfAny();
        return new FindTimeService.Request(
                from.instant(),
                to.instant(),
                zone,
                Duration.ofMinutes(minutes.asInt()),
                Duration.ofMinutes(buffer == null || buffer.isNull() ? 0 : buffer.asInt()),
                hours,
                attendees);
    }

    private static FreeTime.WorkingHours workingHours(JsonNode w, FieldErrors errors) {
        if (w == null || w.isNull()) {
            return null;
        }
        if (!w.isObject()) {
            errors.add("workingHours", "must be {start: \"09:00\", end: \"17:00\", days: [1, 2, 3, 4, 5]}");
            return null;
        }
        LocalTime start = clock(w.get("start"), "workingHours.start", errors);
        LocalTime end = clock(w.get("end"), "workingHours.end", errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add("workingHours.end", "must be after workingHours.start");
        }
        Set<Integer> days = new LinkedHashSet<>();
        JsonNode d = w.get("days");
        if (d == null || d.isNull()) {
            days.addAll(List.of(1, 2, 3, 4, 5));
        } else if (!d.isArray() || d.isEmpty()) {
            errors.add("workingHours.days", "must list ISO day numbers, 1 (Monday) to 7 (Sunday)");
        } else {
            for (int i = 0; i < d.size(); i++) {
                if (!d.get(i).isIntegralNumber()
                        || d.get(i).asInt() < 1
                        || d.get(i).asInt() > 7) {
                    errors.add("workingHours.days[" + i + "]", "must be a day number from 1 (Monday) to 7 (Sunday)");
                } else {
                    days.add(d.get(i).asInt());
                }
            }
        }
        return start == null || end == null ? null : new FreeTime.WorkingHours(start, end, days);
    }

    private static LocalTime clock(JsonNode v, String field, FieldErrors errors) {
        if (v == null || !v.isString()) {
            errors.add(field, "must be a time of day such as 09:00");
            return null;
        }
        try {
            return LocalTime.parse(v.asString());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a time of day such as 09:00");
            return null;
        }
    }

    private static String string(JsonNode body, String field, FieldErrors errors) {
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
