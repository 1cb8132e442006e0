package dev.atom.workspace.calendar;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedEvent;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.workspace.sync.SyncScope;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating, changing and cancelling events: Atom's own in its table, synced ones through the calendar's connector
 * action (Google, Outlook, CalDAV), after which the local copy is updated at once (the next sync confirms it).
 * Thread-safe.
 */
@Service
class EventWriter {
    static final String GOOGLE_FEED = "google-calendar.events";
    static final String OUTLOOK_FEED = "outlook.events";
    static final String CALDAV_FEED = "caldav.events";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalEventRepository local;
    private final EventRepository events;
    private final EventStore store;
    private final Connectors connectors;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    EventWriter(
            LocalEventRepository local,
            EventRepository events,
            EventStore store,
            Connectors connectors,
            Clock clock,
            ApplicationEventPublisher publisher) {
        this.local = local;
        this.events = events;
        this.store = store;
        this.connectors = connectors;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** The id of the event written (an Atom id). */
    String create(CurrentUser user, EventInput in) {
        Instant now = clock.instant();
        if (in.calendar().equals(CalendarRef.LOCAL)) {
            LocalEvent e = new LocalEvent(
                    Ids.newId(),
                    user.workspaceId(),
                    user.userId(),
                    in.title().strip(),
                    in.description(),
                    in.location(),
                    utcDay(in.start()),
                    utcDay(in.end()),
                    in.allDay(),
                    in.timeZoneName(),
                    in.attendees(),
                    true,
                    now,
                    now);
            local.insert(e);
            searchChanged(e);
            return e.id();
        }
        CalendarRef calendar = events.calendars(user.workspaceId(), user.userId()).stream()
                .filter(c -> c.id().equals(in.calendar()))
                .findFirst()
                .orElseThrow(() -> ApiException.invalid(
                        "calendar", "is not a calendar you can see: use local or a calendar.id from the events"));
        String calendarId = in.calendar().substring(calendar.connection().length() + 1);
        String connector = calendar.connector();
        ObjectNode input = JSON.createObjectNode();
        String action;
        switch (connector) {
            case "google-calendar" -> {
                action = "google-calendar.create_event";
                input.put("calendarId", calendarId);
                input.put("summary", in.title());
                google(input, in);
            }
            case "outlook" -> {
                action = "outlook.create_event";
                input.put("subject", in.title());
                outlook(input, in);
            }
            case "caldav" -> {
                action = "caldav.create_event";
                input.put("calendar", calendarId);
                input.put("summary", in.title());
                caldav(input, in);
            }
            default -> throw ApiException.invalid("calendar", "events of this connector cannot be written from here");
        }
        JsonNode out = ConnectorCalls.run(
                connectors, caller(user), calendar.connection(), action, input, "calendar-create-" + Ids.newId());
        String externalId = switch (connector) {
            case "google-calendar" -> calendarId + "/" + out.path("id").asString();
            case "outlook" -> out.path("id").asString();
            default -> out.path("href").asString();
        };
        SyncedEvent copy = new SyncedEvent(
                externalId,
                calendarId,
                calendar.name(),
                calendar.color(),
                in.title(),
                in.description(),
                in.location(),
                utcDay(in.start()),
                utcDay(in.end()),
                in.allDay(),
                in.allDay() ? in.start().date() : null,
                in.allDay() ? in.end().date() : null,
                in.timeZoneName(),
                user.email(),
                attendees(in.attendees()),
                List.of(),
                null,
                null,
                false,
                true,
                text(out, connector.equals("google-calendar") ? "htmlLink" : "webLink"),
                text(out, "etag"),
                now);
        String feed = feed(connector);
        store.apply(
                new SyncScope(user.workspaceId(), calendar.connection(), connector, feed),
                List.of(new SyncChange.Upsert(copy)),
                now);
        return events.idOf(user.workspaceId(), calendar.connection(), feed, externalId)
                .orElseThrow();
    }

    /** Changes an event the viewer sees; its id afterwards. 404 for ids they cannot see. */
    String update(CurrentUser user, String id, EventInput in) {
        Instant now = clock.instant();
        Optional<LocalEvent> mine = local.find(user.workspaceId(), user.userId(), id);
        if (mine.isPresent()) {
            LocalEvent e = mine.get();
            boolean allDay = in.start() != null ? in.allDay() : e.allDay();
            LocalEvent changed = new LocalEvent(
                    e.id(),
                    e.workspaceId(),
                    e.ownerId(),
                    in.title() != null ? in.title().strip() : e.title(),
                    in.description() != null ? in.description() : e.description(),
                    in.location() != null ? in.location() : e.location(),
                    in.start() != null ? utcDay(in.start()) : e.start(),
                    in.end() != null ? utcDay(in.end()) : e.end(),
                    allDay,
                    in.timeZoneName() != null ? in.timeZoneName() : e.timeZone(),
                    in.attendees() != null ? in.attendees() : e.attendees(),
                    e.busy(),
                    e.createdAt(),
                    now);
            checkOrder(changed.start(), changed.end());
            local.update(changed);
            searchChanged(changed);
            return id;
        }
        EventRow row = synced(user, id);
        SyncedEvent e = row.event();
        Instant start = in.start() != null ? utcDay(in.start()) : e.start();
        Instant end = in.end() != null ? utcDay(in.end()) : e.end();
        checkOrder(start, end);
        String connector = connectorOf(user, row);
        ObjectNode input = JSON.createObjectNode();
        String action = switch (connector) {
            case "google-calendar" -> {
                input.put("calendarId", e.calendarId());
                input.put("eventId", googleId(e));
                if (in.title() != null) {
                    input.put("summary", in.title());
                }
                google(input, in);
                yield "google-calendar.update_event";
            }
            case "outlook" -> {
                input.put("eventId", e.externalId());
                if (in.title() != null) {
                    input.put("subject", in.title());
                }
                outlook(input, in);
                yield "outlook.update_event";
            }
            case "caldav" -> {
                input.put("href", e.externalId());
                input.put("etag", e.version() == null ? "" : e.version());
                if (in.title() != null) {
                    input.put("summary", in.title());
                }
                caldav(input, in);
                yield "caldav.update_event";
            }
            default -> throw ApiException.invalid("id", "events of this connector cannot be changed from here");
        };
        JsonNode out = ConnectorCalls.run(connectors, caller(user), row.connectionId(), action, input, null);
        boolean allDay = in.start() != null ? in.allDay() : e.allDay();
        SyncedEvent copy = new SyncedEvent(
                e.externalId(),
                e.calendarId(),
                e.calendarName(),
                e.calendarColor(),
                in.title() != null ? in.title() : e.title(),
                in.description() != null ? in.description() : e.description(),
                in.location() != null ? in.location() : e.location(),
                start,
                end,
                allDay,
                allDay ? (in.start() != null ? in.start().date() : e.startDate()) : null,
                allDay ? (in.end() != null ? in.end().date() : e.endDate()) : null,
                in.timeZoneName() != null ? in.timeZoneName() : e.timeZone(),
                e.organizer(),
                in.attendees() != null ? attendees(in.attendees()) : e.attendees(),
                e.recurrence(),
                e.seriesId(),
                e.originalStart(),
                false,
                e.busy(),
                e.link(),
                out.hasNonNull("etag") ? out.path("etag").asString() : e.version(),
                now);
        store.apply(scope(user, row, connector), List.of(new SyncChange.Upsert(copy)), now);
        return row.id();
    }

    /** Cancels (deletes) an event; 404 for ids the viewer cannot see. */
    void delete(CurrentUser user, String id) {
        if (local.find(user.workspaceId(), user.userId(), id).isPresent()) {
            local.delete(user.workspaceId(), user.userId(), id);
            publisher.publishEvent(new dev.atom.workspace.search.SearchDocumentsChanged(
                    List.of(), List.of(dev.atom.workspace.search.SearchDocumentsChanged.key(EventSearch.TYPE, id))));
            return;
        }
        EventRow row = synced(user, id);
        SyncedEvent e = row.event();
        String connector = connectorOf(user, row);
        ObjectNode input = JSON.createObjectNode();
        String action = switch (connector) {
            case "google-calendar" -> {
                input.put("calendarId", e.calendarId());
                input.put("eventId", googleId(e));
                yield "google-calendar.delete_event";
            }
            case "outlook" -> {
                input.put("eventId", e.externalId());
                yield "outlook.delete_event";
            }
            case "caldav" -> {
                input.put("href", e.externalId());
                input.put("etag", e.version() == null ? "" : e.version());
                yield "caldav.delete_event";
            }
            default -> throw ApiException.invalid("id", "events of this connector cannot be cancelled from here");
        };
        ConnectorCalls.run(connectors, caller(user), row.connectionId(), action, input, null);
        store.apply(scope(user, row, connector), List.of(new SyncChange.Removed(e.externalId())), clock.instant());
    }

    /** When a written event (local or synced) starts and ends, or null when the viewer cannot see it. */
    Instant[] span(CurrentUser user, String id) {
        var mine = local.find(user.workspaceId(), user.userId(), id);
        if (mine.isPresent()) {
            return new Instant[] {mine.get().start(), mine.get().end()};
        }
        return events.find(user.workspaceId(), user.userId(), id)
                .map(r -> new Instant[] {r.event().start(), r.event().end()})
                .orElse(null);
    }

    /** A synced row the viewer sees, by Atom id; one occurrence of a series cannot be changed on its own here. */
    private EventRow synced(CurrentUser user, String id) {
        Optional<EventRow> row = events.find(user.workspaceId(), user.userId(), id);
        if (row.isEmpty()) {
            int cut = id.lastIndexOf('_');
            if (cut > 0
                    && events.find(user.workspaceId(), user.userId(), id.substring(0, cut))
                            .isPresent()) {
                throw ApiException.invalid(
                        "id", "is one occurrence of a recurring event: change the series in its calendar app");
            }
            throw ApiException.notFound("Event");
        }
        return row.get();
    }

    private String connectorOf(CurrentUser user, EventRow row) {
        return connectors
                .connection(caller(user), row.connectionId())
                .map(Connectors.ConnectionInfo::connector)
                .orElseThrow(() -> ApiException.notFound("Event"));
    }

    /** Writes through a calendar run as the person asking: their rights, their name in the call log. */
    private static Connectors.Caller caller(CurrentUser user) {
        return new Connectors.Caller(user.workspaceId(), user.userId());
    }

    private static SyncScope scope(CurrentUser user, EventRow row, String connector) {
        return new SyncScope(user.workspaceId(), row.connectionId(), connector, row.feedId());
    }

    private static String feed(String connector) {
        return switch (connector) {
            case "google-calendar" -> GOOGLE_FEED;
            case "outlook" -> OUTLOOK_FEED;
            default -> CALDAV_FEED;
        };
    }

    /** Google's event id: the external id is {@code <calendar>/<event>}. */
    private static String googleId(SyncedEvent e) {
        String prefix = e.calendarId() + "/";
        return e.externalId().startsWith(prefix) ? e.externalId().substring(prefix.length()) : e.externalId();
    }

    private static void google(ObjectNode input, EventInput in) {
        putIf(input, "description", in.description());
        putIf(input, "location", in.location());
        if (in.start() != null) {
            input.set("start", googleWhen(in.start(), in.zone()));
        }
        if (in.end() != null) {
            input.set("end", googleWhen(in.end(), in.zone()));
        }
        attendeesTo(input, in);
    }

    private static ObjectNode googleWhen(CalendarParams.Time t, ZoneId zone) {
        ObjectNode w = JSON.createObjectNode();
        if (t.isDate()) {
            w.put("date", t.date().toString());
        } else {
            ZoneId z = zone == null ? ZoneOffset.UTC : zone;
            // RFC 3339 with seconds, as Google's description requires (toString drops ":00" seconds)
            w.put(
                    "dateTime",
                    java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.instant()
                            .atZone(z)
                            .toOffsetDateTime()
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            w.put("timeZone", z.getId().equals("Z") ? "UTC" : z.getId());
        }
        return w;
    }

    private static void outlook(ObjectNode input, EventInput in) {
        putIf(input, "body", in.description());
        putIf(input, "location", in.location());
        ZoneId z = in.zone() == null ? ZoneOffset.UTC : in.zone();
        String zoneName = z.getId().equals("Z") ? "UTC" : z.getId();
        if (in.start() != null) {
            input.putObject("start")
                    .put(
                            "dateTime",
                            in.start().instant().atZone(z).toLocalDateTime().toString())
                    .put("timeZone", zoneName);
            if (in.allDay()) {
                input.put("isAllDay", true);
            }
        }
        if (in.end() != null) {
            input.putObject("end")
                    .put(
                            "dateTime",
                            in.end().instant().atZone(z).toLocalDateTime().toString())
                    .put("timeZone", zoneName);
        }
        attendeesTo(input, in);
    }

    private static void caldav(ObjectNode input, EventInput in) {
        putIf(input, "description", in.description());
        putIf(input, "location", in.location());
        ZoneId z = in.zone() == null ? ZoneOffset.UTC : in.zone();
        if (in.start() != null) {
            input.put(
                    "start",
                    in.allDay()
                            ? in.start().date().toString()
                            : in.start().instant().atZone(z).toOffsetDateTime().toString());
        }
        if (in.end() != null) {
            input.put(
                    "end",
                    in.allDay()
                            ? in.end().date().toString()
                            : in.end().instant().atZone(z).toOffsetDateTime().toString());
        }
        if (in.zone() != null && !in.allDay()) {
            input.put("timeZone", z.getId());
        }
    }

    private static void attendeesTo(ObjectNode input, EventInput in) {
        if (in.attendees() != null) {
            in.attendees().forEach(input.putArray("attendees")::add);
        }
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    /** An instant; a date as its UTC midnight (how all-day events are stored). */
    private static Instant utcDay(CalendarParams.Time t) {
        return t.isDate() ? t.date().atStartOfDay(ZoneOffset.UTC).toInstant() : t.instant();
    }

    private static void checkOrder(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw ApiException.invalid("end", "must be after start");
        }
    }

    private static List<SyncedEvent.Attendee> attendees(List<String> emails) {
        return emails == null
                ? List.of()
                : emails.stream()
                        .map(a -> new SyncedEvent.Attendee(a, null, null))
                        .toList();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asString() : null;
    }

    private void searchChanged(LocalEvent e) {
        publisher.publishEvent(
                new dev.atom.workspace.search.SearchDocumentsChanged(List.of(EventSearch.document(e)), List.of()));
    }
}
