package dev.atom.connectors.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CalDAV connector through the running app against a real Radicale started for this class. */
class CalDavConnectorTest extends ConnectorContractTestBase {
    static final String PASSWORD = "dav-" + "pass-0815";
    static final AtomicInteger CALENDARS = new AtomicInteger();
    static Radicale radicale;

    TestUsers users;
    TestUsers.User user;
    String connectionId;
    String calendar;

    @Override
    protected String connectorId() {
        return "caldav";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "caldav.list_calendars",
                "caldav.list_events",
                "caldav.create_event",
                "caldav.update_event",
                "caldav.delete_event",
                "caldav.free_busy",
                "caldav.attendee_free_busy");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.none(
                "CalDAV is a standard (RFC 4791), not one service's API: tested against a real Radicale");
    }

    @BeforeAll
    static void startRadicale() {
        radicale = Radicale.start(Map.of("ann", PASSWORD));
    }

    @AfterAll
    static void stopRadicale() {
        if (radicale != null) {
            radicale.close();
        }
    }

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("ann");
        var c = connect(PASSWORD);
        assertThat(c.json().get("status").asString()).as(c.toString()).isEqualTo("connected");
        String name = "cal" + CALENDARS.incrementAndGet();
        radicale.mkcalendar("ann", PASSWORD, name, "Work " + name);
        calendar = radicale.url() + "ann/" + name + "/";
    }

    TestHttp.Response connect(String password) {
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("server_url", radicale.url());
        credentials.put("username", "ann");
        credentials.put("password", password);
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "caldav", "name", "Calendar", "credentials", credentials));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        connectionId = c.json().get("id").asString();
        return c;
    }

    TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connectionId + "/actions/" + action, input);
    }

    JsonNode output(String action, Map<String, ?> input) {
        var r = run(action, input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("output");
    }

    JsonNode events(String start, String end, String zone) {
        Map<String, Object> in = new HashMap<>(Map.of("calendar", calendar, "start", start, "end", end));
        if (zone != null) {
            in.put("timeZone", zone);
        }
        return output("caldav.list_events", in);
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.ofEntries(
                        Map.entry("caldav.list_calendars", "reads natural"),
                        Map.entry("caldav.list_events", "reads natural"),
                        Map.entry("caldav.create_event", "writes key"),
                        Map.entry("caldav.update_event", "writes natural"),
                        Map.entry("caldav.delete_event", "writes natural"),
                        Map.entry("caldav.free_busy", "reads natural"),
                        Map.entry("caldav.attendee_free_busy", "reads natural")));
        assertThat(authKinds()).containsExactly("basic");
        assertThat(triggerKinds()).isEmpty();
        List<String> fields = new ArrayList<>();
        catalogEntry()
                .at("/auth/fields")
                .forEach(f ->
                        fields.add(f.get("name").asString() + (f.get("secret").asBoolean() ? "*" : "")));
        assertThat(fields).containsExactly("server_url", "username", "password*");
    }

    @Test
    void healthIsAnAuthenticatedPropfindAndAWrongPasswordNeedsReconnect() {
        var tested = users.as(user).post("/api/v1/connections/" + connectionId + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        assertThat(tested.json().get("account").asString()).isEqualTo("ann (/ann/)");

        String wrong = "not-" + PASSWORD;
        var bad = connect(wrong);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(wrong);
    }

    @Test
    void discoversTheCalendars() {
        var found = output("caldav.list_calendars", Map.of());
        assertThat(found.get("principal").asString()).isEqualTo(radicale.url() + "ann/");
        assertThat(found.get("home").asString()).isEqualTo(radicale.url() + "ann/");
        JsonNode mine = null;
        for (JsonNode c : found.get("calendars")) {
            if (c.get("url").asString().equals(calendar)) {
                mine = c;
            }
        }
        assertThat(mine).as(found.toString()).isNotNull();
        assertThat(mine.get("name").asString()).startsWith("Work cal");
        assertThat(mine.get("components").toString()).contains("VEVENT");
    }

    @Test
    void createsAnEventInANamedZoneAndListsIt() {
        var saved = output(
                "caldav.create_event",
                Map.of(
                        "calendar",
                        calendar,
                        "summary",
                        "Planung: Café, Übersicht; 会議",
                        "start",
                        "2026-11-24T10:00",
                        "end",
                        "2026-11-24T11:30",
                        "timeZone",
                        "Europe/Berlin",
                        "description",
                        "Zeile eins\nZeile zwei, mit Komma",
                        "location",
                        "Raum 4"));
        assertThat(saved.get("href").asString()).startsWith(calendar).endsWith(".ics");
        assertThat(saved.get("etag").asString()).isNotBlank();

        var raw = radicale.request("ann", PASSWORD, "GET", saved.get("href").asString(), null, null);
        assertThat(raw.body()).contains("DTSTART;TZID=Europe/Berlin:20261124T100000", "BEGIN:VTIMEZONE");

        var listed = events("2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z", null);
        assertThat(listed.get("events")).hasSize(1);
        var e = listed.at("/events/0");
        assertThat(e.get("uid").asString()).isEqualTo(saved.get("uid").asString());
        assertThat(e.get("summary").asString()).isEqualTo("Planung: Café, Übersicht; 会議");
        assertThat(e.get("description").asString()).isEqualTo("Zeile eins\nZeile zwei, mit Komma");
        assertThat(e.get("start").asString()).as("in its own zone").isEqualTo("2026-11-24T10:00+01:00");
        assertThat(e.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(e.get("etag").asString()).isEqualTo(saved.get("etag").asString());

        var inBerlin = events("2026-11-24T00:00", "2026-11-25T00:00", "Europe/Berlin");
        assertThat(inBerlin.at("/events/0/start").asString()).isEqualTo("2026-11-24T10:00+01:00");
        assertThat(inBerlin.at("/events/0/end").asString()).isEqualTo("2026-11-24T11:30+01:00");
        assertThat(events("2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z", null).get("events"))
                .isEmpty();
    }

    @Test
    void anAllDayEventAndAnOffsetTime() {
        output("caldav.create_event", Map.of("calendar", calendar, "summary", "Heiligabend", "start", "2026-12-24"));
        output(
                "caldav.create_event",
                Map.of("calendar", calendar, "summary", "Call", "start", "2026-12-23T18:00:00-05:00"));
        var listed = events("2026-12-23T00:00:00Z", "2026-12-26T00:00:00Z", null);
        assertThat(listed.get("events")).hasSize(2);
        assertThat(listed.at("/events/0/summary").asString()).isEqualTo("Call");
        assertThat(listed.at("/events/0/start").asString()).isEqualTo("2026-12-23T23:00Z");
        assertThat(listed.at("/events/0/end").asString()).isEqualTo("2026-12-24T00:00Z");
        assertThat(listed.at("/events/1/allDay").asBoolean()).isTrue();
        assertThat(listed.at("/events/1/start").asString()).isEqualTo("2026-12-24");
        assertThat(listed.at("/events/1/end").asString()).isEqualTo("2026-12-25");
    }

    @Test
    void recurringEventsAreListedAsOccurrences() {
        String ics = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//test//EN",
                "BEGIN:VEVENT",
                "UID:standup",
                "DTSTAMP:20261101T000000Z",
                "DTSTART;TZID=Europe/Berlin:20261102T090000",
                "DTEND;TZID=Europe/Berlin:20261102T091500",
                "RRULE:FREQ=DAILY;COUNT=5",
                "EXDATE;TZID=Europe/Berlin:20261104T090000",
                "SUMMARY:Standup",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:standup",
                "DTSTAMP:20261101T000000Z",
                "RECURRENCE-ID;TZID=Europe/Berlin:20261105T090000",
                "DTSTART;TZID=Europe/Berlin:20261105T100000",
                "DTEND;TZID=Europe/Berlin:20261105T101500",
                "SUMMARY:Standup (later)",
                "END:VEVENT",
                "END:VCALENDAR",
                "");
        var put = radicale.request("ann", PASSWORD, "PUT", calendar + "standup.ics", ics, "text/calendar");
        assertThat(put.statusCode()).isEqualTo(201);

        var listed = events("2026-11-03T00:00", "2026-11-06T00:00", "Europe/Berlin");
        assertThat(listed.get("events"))
                .extracting(
                        e -> e.get("start").asString() + " " + e.get("summary").asString())
                .containsExactly("2026-11-03T09:00+01:00 Standup", "2026-11-05T10:00+01:00 Standup (later)");
        assertThat(listed.at("/events/0/recurring").asBoolean()).isTrue();
        assertThat(listed.at("/events/1/recurrenceId").asString()).isEqualTo("2026-11-05T09:00+01:00");
        // Radicale 3.1 sends the rules, not the occurrences
        assertThat(listed.get("expandedBy").asString()).isEqualTo("atom");
    }

    @Test
    void allDayAndUtcRecurrencesToo() {
        String ics = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//test//EN",
                "BEGIN:VEVENT",
                "UID:birthday",
                "DTSTAMP:20201101T000000Z",
                "DTSTART;VALUE=DATE:20201104",
                "DTEND;VALUE=DATE:20201105",
                "RRULE:FREQ=YEARLY",
                "SUMMARY:Geburtstag",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
                "END:VCALENDAR",
                "");
        String weekly = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//test//EN",
                "BEGIN:VEVENT",
                "UID:review",
                "DTSTAMP:20261101T000000Z",
                "DTSTART:20261027T150000Z",
                "DURATION:PT1H",
                "RRULE:FREQ=WEEKLY;BYDAY=TU",
                "SUMMARY:Review",
                "END:VEVENT",
                "END:VCALENDAR",
                "");
        assertThat(radicale.request("ann", PASSWORD, "PUT", calendar + "birthday.ics", ics, "text/calendar")
                        .statusCode())
                .isEqualTo(201);
        assertThat(radicale.request("ann", PASSWORD, "PUT", calendar + "review.ics", weekly, "text/calendar")
                        .statusCode())
                .isEqualTo(201);

        var listed = events("2026-11-02T00:00:00Z", "2026-11-11T00:00:00Z", null);
        assertThat(listed.get("events"))
                .extracting(
                        e -> e.get("start").asString() + " " + e.get("summary").asString())
                .containsExactly("2026-11-03T15:00Z Review", "2026-11-04 Geburtstag", "2026-11-10T15:00Z Review");
        assertThat(listed.at("/events/1/allDay").asBoolean()).isTrue();
        assertThat(listed.at("/events/1/end").asString()).isEqualTo("2026-11-05");
        assertThat(listed.at("/events/2/end").asString()).isEqualTo("2026-11-10T16:00Z");

        var fb = output(
                "caldav.free_busy",
                Map.of("calendar", calendar, "start", "2026-11-02T00:00:00Z", "end", "2026-11-11T00:00:00Z"));
        assertThat(fb.get("busy"))
                .as("a transparent all-day event leaves the time free")
                .extracting(b -> b.get("start").asString())
                .containsExactly("2026-11-03T15:00Z", "2026-11-10T15:00Z");
    }

    @Test
    void updatesAndDeletesOnlyWithTheCurrentEtag() {
        var saved = output(
                "caldav.create_event",
                Map.of("calendar", calendar, "summary", "Draft", "start", "2026-11-30T14:00:00Z"));
        String href = saved.get("href").asString();
        String etag = saved.get("etag").asString();

        var updated = output(
                "caldav.update_event",
                Map.of(
                        "href",
                        href,
                        "etag",
                        etag,
                        "summary",
                        "Final",
                        "start",
                        "2026-11-30T15:00:00Z",
                        "end",
                        "2026-11-30T16:00:00Z"));
        assertThat(updated.get("etag").asString()).isNotEqualTo(etag);
        var listed = events("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z", null);
        assertThat(listed.at("/events/0/summary").asString()).isEqualTo("Final");
        assertThat(listed.at("/events/0/start").asString()).isEqualTo("2026-11-30T15:00Z");
        var raw = radicale.request("ann", PASSWORD, "GET", href, null, null).body();
        assertThat(raw).contains("SEQUENCE:1");

        var stale = run("caldav.update_event", Map.of("href", href, "etag", etag, "summary", "Lost update"));
        assertThat(stale.status()).isEqualTo(422);
        assertThat(stale.json().get("detail").asString()).startsWith("etag:");
        var staleDelete = run("caldav.delete_event", Map.of("href", href, "etag", etag));
        assertThat(staleDelete.status()).isEqualTo(422);
        assertThat(staleDelete.json().get("detail").asString()).startsWith("etag:");

        output(
                "caldav.delete_event",
                Map.of("href", href, "etag", updated.get("etag").asString()));
        assertThat(events("2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z", null).get("events"))
                .isEmpty();
        var gone = run(
                "caldav.delete_event",
                Map.of("href", href, "etag", updated.get("etag").asString()));
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.json().get("detail").asString()).isEqualTo("href: the event at this URL was not found");
        assertThat(gone.json().get("field").asString()).isEqualTo("input.href");
    }

    @Test
    void freeBusyIsComputedFromEventsWhenTheServerHasNoReport() {
        output("caldav.create_event", Map.of("calendar", calendar, "summary", "A", "start", "2026-11-26T09:00:00Z"));
        output(
                "caldav.create_event",
                Map.of(
                        "calendar",
                        calendar,
                        "summary",
                        "B",
                        "start",
                        "2026-11-26T09:30:00Z",
                        "end",
                        "2026-11-26T11:00:00Z"));
        output("caldav.create_event", Map.of("calendar", calendar, "summary", "C", "start", "2026-11-26T13:00:00Z"));
        var fb = output(
                "caldav.free_busy",
                Map.of("calendar", calendar, "start", "2026-11-26T00:00:00Z", "end", "2026-11-27T00:00:00Z"));
        assertThat(fb.get("source").asString()).isEqualTo("computed");
        assertThat(fb.get("note").asString()).contains("HTTP");
        assertThat(fb.get("busy"))
                .extracting(b -> b.get("start").asString() + "/" + b.get("end").asString())
                .containsExactly("2026-11-26T09:00Z/2026-11-26T11:00Z", "2026-11-26T13:00Z/2026-11-26T14:00Z");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyCreatesOneEvent() {
        var input = JsonMapper.builder()
                .build()
                .valueToTree(Map.of("calendar", calendar, "summary", "Once", "start", "2026-11-27T08:00:00Z"));
        var first = connectors.run(user.workspaceId(), connectionId, "caldav.create_event", input, "run1:step2");
        var again = connectors.run(user.workspaceId(), connectionId, "caldav.create_event", input, "run1:step2");
        assertThat(again.get("uid").asString()).isEqualTo(first.get("uid").asString());
        assertThat(again.get("etag").asString()).isEqualTo(first.get("etag").asString());
        assertThat(events("2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z", null).get("events"))
                .hasSize(1);
    }

    @Test
    void badTimesZonesAndForeignUrlsNameTheField() {
        var local =
                run("caldav.create_event", Map.of("calendar", calendar, "summary", "x", "start", "2026-11-24T10:00"));
        assertThat(local.status()).isEqualTo(400);
        assertThat(local.json().at("/errors/0/field").asString()).isEqualTo("input.start");

        var zone = run(
                "caldav.list_events",
                Map.of("calendar", calendar, "start", "2026-11-24", "end", "2026-11-25", "timeZone", "Mars/Olympus"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().at("/errors/0/field").asString()).isEqualTo("input.timeZone");

        var backwards = run(
                "caldav.list_events",
                Map.of("calendar", calendar, "start", "2026-11-25T00:00:00Z", "end", "2026-11-24T00:00:00Z"));
        assertThat(backwards.json().at("/errors/0/field").asString()).isEqualTo("input.end");

        var foreign = run(
                "caldav.list_events",
                Map.of("calendar", "http://localhost:1/ann/x/", "start", "2026-11-24", "end", "2026-11-25"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().at("/errors/0/field").asString()).isEqualTo("input.calendar");

        var missing = run(
                "caldav.list_events",
                Map.of("calendar", radicale.url() + "ann/nope/", "start", "2026-11-24", "end", "2026-11-25"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString())
                .isEqualTo("calendar: the calendar at this URL was not found");
        assertThat(missing.json().get("field").asString()).isEqualTo("input.calendar");
    }

    @Test
    void plainHttpToAPublicAddressIsRefused() {
        Map<String, Object> credentials =
                Map.of("server_url", "http://93.184.216.34/dav/", "username", "ann", "password", PASSWORD);
        var c = users.as(user)
                .post("/api/v1/connections", Map.of("connector", "caldav", "name", "Cal", "credentials", credentials));
        assertThat(c.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(c.json().get("statusReason").asString()).contains("must start with https://");
        assertThat(List.of(c.toString())).noneMatch(s -> s.contains(PASSWORD));
    }
}
