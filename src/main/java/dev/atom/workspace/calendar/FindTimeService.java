package dev.atom.workspace.calendar;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.UnknownReference;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Find-a-time: the asker's busy times from the synced copy (their own calendars and local events), each attendee's
 * from a colleague in Atom who shares free/busy (busy blocks only), else from the providers the asker is connected
 * to (Google freeBusy, Graph getSchedule, CalDAV: the attendees' calendars on the same server), then the free
 * slots. An attendee nobody can answer for is reported, not guessed. Thread-safe.
 */
@Service
class FindTimeService {
    private static final Logger log = LoggerFactory.getLogger(FindTimeService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final EventReader reader;
    private final EventRepository events;
    private final CalendarSettingsRepository settings;
    private final Members members;
    private final Connectors connectors;

    FindTimeService(
            EventReader reader,
            EventRepository events,
            CalendarSettingsRepository settings,
            Members members,
            Connectors connectors) {
        this.reader = reader;
        this.events = events;
        this.settings = settings;
        this.members = members;
        this.connectors = connectors;
    }

    record Request(
            Instant from,
            Instant to,
            ZoneId zone,
            Duration length,
            Duration buffer,
            FreeTime.WorkingHours hours,
            List<String> attendees) {}

    /** Where an attendee's busy times came from: atom, google-calendar, outlook, caldav, or none (with why). */
    record AttendeeSource(String email, String source, String note) {}

    record Answer(List<FreeTime.Interval> slots, List<AttendeeSource> attendees) {}

    Answer find(CurrentUser user, Request r) {
        List<String> owners = new ArrayList<>(List.of(user.userId()));
        Map<String, Members.Member> byEmail = new LinkedHashMap<>();
        members.list(user.workspaceId()).forEach(m -> byEmail.put(m.email().toLowerCase(Locale.ROOT), m));
        List<AttendeeSource> sources = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (String email : r.attendees()) {
            Members.Member m = byEmail.get(email.toLowerCase(Locale.ROOT));
            if (m != null && m.userId().equals(user.userId())) {
                continue;
            }
            if (m != null && settings.sharesFreeBusy(user.workspaceId(), m.userId())) {
                owners.add(m.userId());
                sources.add(new AttendeeSource(email, "atom", null));
            } else {
                outside.add(email);
            }
        }
        // the asker's own calendars and every sharing colleague's, in one read
        List<FreeTime.Interval> busy =
                new ArrayList<>(reader.busy(user.workspaceId(), user.userId(), owners, r.from(), r.to(), r.zone()));
        if (!outside.isEmpty()) {
            sources.addAll(fromProviders(user, outside, r, busy));
        }
        return new Answer(FreeTime.slots(r.from(), r.to(), r.zone(), r.length(), r.buffer(), r.hours(), busy), sources);
    }

    private List<AttendeeSource> fromProviders(
            CurrentUser user, List<String> emails, Request r, List<FreeTime.Interval> busy) {
        Map<String, AttendeeSource> answered = new LinkedHashMap<>();
        var own = events.ownConnections(
                user.workspaceId(), user.userId(), List.of("google-calendar", "outlook", "caldav"));
        for (var c : own) {
            List<String> left =
                    emails.stream().filter(e -> !answered.containsKey(e)).toList();
            if (left.isEmpty()) {
                break;
            }
            try {
                switch (c.connector()) {
                    case "google-calendar" -> google(user, c.id(), left, r, busy, answered);
                    case "outlook" -> outlook(user, c.id(), left, r, busy, answered);
                    default -> caldav(user, c.id(), left, r, busy, answered);
                }
            } catch (ConnectorException | UnknownReference e) {
                log.info("free/busy through connection {} failed: {}", c.id(), e.getMessage());
            }
        }
        List<AttendeeSource> out = new ArrayList<>();
        for (String e : emails) {
            out.add(answered.getOrDefault(
                    e,
                    new AttendeeSource(
                            e,
                            "none",
                            "no connected calendar service or colleague sharing free/busy knows this address")));
        }
        return out;
    }

    private void google(
            CurrentUser user,
            String connection,
            List<String> emails,
            Request r,
            List<FreeTime.Interval> busy,
            Map<String, AttendeeSource> answered) {
        var input = JSON.createObjectNode();
        input.put("timeMin", r.from().toString());
        input.put("timeMax", r.to().toString());
        emails.forEach(input.putArray("calendarIds")::add);
        JsonNode out = connectors.runRecorded(caller(user), connection, "google-calendar.free_busy", input, null);
        for (JsonNode cal : out.path("calendars")) {
            String email = cal.path("id").asString("");
            if (!emails.contains(email) || !cal.path("errors").isEmpty()) {
                continue;
            }
            for (JsonNode b : cal.path("busy")) {
                busy.add(new FreeTime.Interval(
                        OffsetDateTime.parse(b.path("start").asString()).toInstant(),
                        OffsetDateTime.parse(b.path("end").asString()).toInstant()));
            }
            answered.put(email, new AttendeeSource(email, "google-calendar", null));
        }
    }

    private void outlook(
            CurrentUser user,
            String connection,
            List<String> emails,
            Request r,
            List<FreeTime.Interval> busy,
            Map<String, AttendeeSource> answered) {
        var input = JSON.createObjectNode();
        input.putObject("start").put("dateTime", local(r.from())).put("timeZone", "UTC");
        input.putObject("end").put("dateTime", local(r.to())).put("timeZone", "UTC");
        emails.forEach(input.putArray("schedules")::add);
        JsonNode out = connectors.runRecorded(caller(user), connection, "outlook.free_busy", input, null);
        for (JsonNode s : out.path("schedules")) {
            String email = s.path("scheduleId").asString("");
            if (!emails.contains(email) || s.hasNonNull("error")) {
                continue;
            }
            for (JsonNode b : s.path("busy")) {
                if ("free".equalsIgnoreCase(b.path("status").asString(""))) {
                    continue;
                }
                busy.add(new FreeTime.Interval(utc(b.path("start")), utc(b.path("end"))));
            }
            answered.put(email, new AttendeeSource(email, "outlook", null));
        }
    }

    private void caldav(
            CurrentUser user,
            String connection,
            List<String> emails,
            Request r,
            List<FreeTime.Interval> busy,
            Map<String, AttendeeSource> answered) {
        var input = JSON.createObjectNode();
        input.put("start", r.from().toString());
        input.put("end", r.to().toString());
        input.put("timeZone", "UTC");
        emails.forEach(input.putArray("attendees")::add);
        JsonNode out = connectors.runRecorded(caller(user), connection, "caldav.attendee_free_busy", input, null);
        for (JsonNode a : out.path("attendees")) {
            String email = a.path("email").asString("");
            if (!emails.contains(email) || "none".equals(a.path("source").asString())) {
                continue;
            }
            for (JsonNode b : a.path("busy")) {
                busy.add(new FreeTime.Interval(
                        OffsetDateTime.parse(b.path("start").asString()).toInstant(),
                        OffsetDateTime.parse(b.path("end").asString()).toInstant()));
            }
            answered.put(email, new AttendeeSource(email, "caldav", null));
        }
    }

    /** Free/busy lookups are the asker's own calls: checked and recorded as theirs. */
    private static Connectors.Caller caller(CurrentUser user) {
        return new Connectors.Caller(user.workspaceId(), user.userId());
    }

    private static String local(Instant i) {
        return i.atZone(ZoneOffset.UTC).toLocalDateTime().toString();
    }

    private static Instant utc(JsonNode when) {
        String dt = when.path("dateTime").asString();
        String zone = when.path("timeZone").asString("UTC");
        ZoneId z = Recurrences.zone(zone);
        return java.time.LocalDateTime.parse(dt.length() > 19 ? dt.substring(0, 19) : dt)
                .atZone(z == null ? ZoneOffset.UTC : z)
                .toInstant();
    }
}
