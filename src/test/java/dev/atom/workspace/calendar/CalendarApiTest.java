package dev.atom.workspace.calendar;

import static dev.atom.workspace.calendar.CalendarFixtures.connection;
import static dev.atom.workspace.calendar.CalendarFixtures.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.shared.Ids;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The calendar API through the running app: local events, merging, conflicts, find-a-time, privacy, bad input. */
class CalendarApiTest extends AppTestBase {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore store;

    TestUsers users;
    TestUsers.User ann;
    TestUsers.User bob;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
        bob = users.invite("bob", ann, "member");
    }

    private TestHttp as(TestUsers.User u) {
        return users.as(u);
    }

    private SyncScope synced(TestUsers.User owner, String visibility, SyncChange... changes) {
        String conn = connection(jdbc, owner.workspaceId(), Ids.newId(), owner.id(), "google-calendar", visibility);
        SyncScope scope = new SyncScope(owner.workspaceId(), conn, "google-calendar", "google-calendar.events");
        store.apply(scope, List.of(changes), Instant.now());
        return scope;
    }

    private JsonNode create(TestUsers.User u, String title, String start, String end) {
        var r = as(u).post(
                        "/api/v1/calendar/events",
                        Map.of(
                                "calendar",
                                "local",
                                "title",
                                title,
                                "start",
                                start,
                                "end",
                                end,
                                "timeZone",
                                "Europe/Berlin"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private List<String> titles(TestUsers.User u, String query) {
        var r = as(u).get("/api/v1/calendar/events?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("events").forEach(e -> out.add(e.get("title").asString()));
        return out;
    }

    private static final String DAY = "from=2026-03-02&to=2026-03-03&timeZone=Europe/Berlin";

    @Test
    void localEventsAreCreatedMovedAndCancelledAndAnswerTheirConflicts() {
        JsonNode first = create(ann, "Focus", "2026-03-02T09:00", "2026-03-02T11:00");
        assertThat(first.get("event").get("calendar").get("id").asString()).isEqualTo("local");
        assertThat(first.get("event").get("start").asString()).isEqualTo("2026-03-02T09:00+01:00");
        assertThat(first.get("conflicts")).isEmpty();

        JsonNode second = create(ann, "Call", "2026-03-02T10:30", "2026-03-02T11:30");
        assertThat(second.get("conflicts"))
                .extracting(c -> c.get("title").asString())
                .containsExactly("Focus");
        String call = second.get("event").get("id").asString();

        var conflicts = as(ann).get("/api/v1/calendar/conflicts?" + DAY);
        assertThat(conflicts.json().get("conflicts")).hasSize(1);
        assertThat(conflicts.json().get("conflicts").get(0).get("start").asString())
                .isEqualTo("2026-03-02T10:30+01:00");
        assertThat(conflicts.json().get("conflicts").get(0).get("end").asString())
                .isEqualTo("2026-03-02T11:00+01:00");

        var moved = as(ann).patch(
                        "/api/v1/calendar/events/" + call,
                        Map.of("start", "2026-03-02T13:00", "end", "2026-03-02T14:00", "timeZone", "Europe/Berlin"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("event").get("start").asString()).isEqualTo("2026-03-02T13:00+01:00");
        assertThat(as(ann).get("/api/v1/calendar/conflicts?" + DAY).json().get("conflicts"))
                .isEmpty();

        assertThat(as(ann).delete("/api/v1/calendar/events/" + call).status()).isEqualTo(204);
        assertThat(titles(ann, DAY)).containsExactly("Focus");

        JsonNode allDay = create(ann, "Holiday", "2026-03-03", "2026-03-04");
        assertThat(allDay.get("event").get("allDay").asBoolean()).isTrue();
        assertThat(allDay.get("event").get("start").asString()).isEqualTo("2026-03-03");
    }

    @Test
    void aMemberSeesOnlyTheirOwnAndSharedCalendarsAndCannotTouchAColleaguesEvents() {
        synced(
                bob,
                "private",
                new SyncChange.Upsert(timed("b1", "Bob's doctor", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z")));
        synced(
                bob,
                "shared",
                new SyncChange.Upsert(timed("t1", "Team lunch", "2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z")));
        String local = create(bob, "Bob's focus", "2026-03-02T15:00", "2026-03-02T16:00")
                .get("event")
                .get("id")
                .asString();

        assertThat(titles(ann, DAY)).containsExactly("Team lunch");
        assertThat(titles(bob, DAY)).containsExactly("Bob's doctor", "Team lunch", "Bob's focus");
        String doctor = as(bob).get("/api/v1/calendar/events?" + DAY)
                .json()
                .get("events")
                .get(0)
                .get("id")
                .asString();

        for (String id : List.of(doctor, local, Ids.newId())) {
            assertThat(as(ann).patch("/api/v1/calendar/events/" + id, Map.of("title", "mine now"))
                            .status())
                    .isEqualTo(404);
            assertThat(as(ann).delete("/api/v1/calendar/events/" + id).status()).isEqualTo(404);
        }
        // another workspace sees nothing of this one
        TestUsers.User stranger = users.signUp("stranger");
        assertThat(titles(stranger, DAY)).isEmpty();
        assertThat(as(stranger).delete("/api/v1/calendar/events/" + local).status())
                .isEqualTo(404);
        var calendars = as(ann).get("/api/v1/calendar/calendars").json().get("calendars");
        assertThat(calendars).extracting(c -> c.get("id").asString()).hasSize(2).contains("local");
    }

    @Test
    void findTimeUsesMyBusyTimesAndColleaguesWhoShareFreeBusyNeverTheirTitles() {
        create(ann, "Standup", "2026-03-02T09:00", "2026-03-02T09:30");
        synced(
                bob,
                "private",
                new SyncChange.Upsert(timed("b1", "Secret interview", "2026-03-02T09:30:00Z", "2026-03-02T10:00:00Z")));
        Map<String, Object> ask = Map.of(
                "minutes",
                30,
                "from",
                "2026-03-02T09:00",
                "to",
                "2026-03-02T12:00",
                "timeZone",
                "Europe/Berlin",
                "attendees",
                List.of(bob.email()),
                "bufferMinutes",
                0);

        // bob does not share yet: his busy time is unknown and said so
        var before = as(ann).post("/api/v1/calendar/find-time", ask);
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(starts(before.json())).contains("2026-03-02T10:30+01:00");
        assertThat(before.json().get("attendees").get(0).get("source").asString())
                .isEqualTo("none");

        var share = as(bob).put("/api/v1/calendar/settings", Map.of("shareFreeBusy", true));
        assertThat(share.status()).as(share.toString()).isEqualTo(200);
        var after = as(ann).post("/api/v1/calendar/find-time", ask);
        assertThat(starts(after.json()))
                .as("bob is busy 10:30-11:00 Berlin")
                .containsExactly(
                        "2026-03-02T09:30+01:00",
                        "2026-03-02T10:00+01:00",
                        "2026-03-02T11:00+01:00",
                        "2026-03-02T11:30+01:00");
        assertThat(after.json().get("attendees").get(0).get("source").asString())
                .isEqualTo("atom");
        assertThat(after.body()).doesNotContain("Secret interview");
        assertThat(titles(ann, DAY)).doesNotContain("Secret interview");

        // working hours from 11:00 with a 15-minute buffer around busy times
        var hours = as(ann).post(
                        "/api/v1/calendar/find-time",
                        Map.of(
                                "minutes",
                                60,
                                "from",
                                "2026-03-02T00:00",
                                "to",
                                "2026-03-04T00:00",
                                "timeZone",
                                "Europe/Berlin",
                                "workingHours",
                                Map.of("start", "11:00", "end", "13:00", "days", List.of(1)),
                                "bufferMinutes",
                                15));
        assertThat(starts(hours.json())).containsExactly("2026-03-02T11:00+01:00", "2026-03-02T12:00+01:00");
    }

    private static List<String> starts(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("slots").forEach(s -> out.add(s.get("start").asString()));
        return out;
    }

    @Test
    void badInputIsA400NamingTheFieldNeverA500() {
        expect400(
                as(ann).get("/api/v1/calendar/events?from=2026-03-02&to=2026-03-03&timeZone=Mars/Olympus"), "timeZone");
        expect400(as(ann).get("/api/v1/calendar/events?from=2026-03-03&to=2026-03-02"), "to");
        expect400(as(ann).get("/api/v1/calendar/events?from=yesterday&to=2026-03-02"), "from");
        expect400(as(ann).get("/api/v1/calendar/conflicts?from=2026-03-03&to=2026-03-02"), "to");
        Map<String, Object> ok = Map.of("minutes", 30, "from", "2026-03-02T09:00Z", "to", "2026-03-02T12:00Z");
        expect400(as(ann).post("/api/v1/calendar/find-time", with(ok, "to", "2026-07-01T00:00Z")), "to");
        expect400(as(ann).post("/api/v1/calendar/find-time", with(ok, "to", "2026-03-01T00:00Z")), "to");
        expect400(as(ann).post("/api/v1/calendar/find-time", with(ok, "timeZone", "Nowhere/Land")), "timeZone");
        expect400(as(ann).post("/api/v1/calendar/find-time", with(ok, "minutes", 0)), "minutes");
        expect400(
                as(ann).post("/api/v1/calendar/find-time", with(ok, "attendees", List.of("not-an-email"))),
                "attendees[0]");
        expect400(
                as(ann).post(
                                "/api/v1/calendar/find-time",
                                with(ok, "workingHours", Map.of("start", "17:00", "end", "09:00"))),
                "workingHours.end");
        expect400(as(ann).post("/api/v1/calendar/find-time", "[]"), "body");
        Map<String, Object> event =
                Map.of("calendar", "local", "title", "x", "start", "2026-03-02T10:00Z", "end", "2026-03-02T11:00Z");
        expect400(as(ann).post("/api/v1/calendar/events", with(event, "end", "2026-03-02T09:00Z")), "end");
        expect400(as(ann).post("/api/v1/calendar/events", with(event, "calendar", "someone-else:primary")), "calendar");
        expect400(as(ann).post("/api/v1/calendar/events", with(event, "title", "")), "title");
        expect400(as(ann).post("/api/v1/calendar/events", with(event, "timeZone", "Moon/Base")), "timeZone");
    }

    @Test
    void anEventWithABrokenRecurrenceIsSkippedWithItsReason() {
        synced(
                ann,
                "private",
                new SyncChange.Upsert(timed(
                        "bad",
                        "primary",
                        "Broken series",
                        Instant.parse("2026-03-02T08:00:00Z"),
                        Instant.parse("2026-03-02T09:00:00Z"),
                        "Europe/Berlin",
                        List.of("RRULE:FREQ=NEVER;INTERVAL=x"))),
                new SyncChange.Upsert(timed("ok", "Fine", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")));
        var r = as(ann).get("/api/v1/calendar/events?" + DAY);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("events"))
                .extracting(e -> e.get("title").asString())
                .containsExactly("Fine");
        assertThat(r.json().get("skipped").get(0).get("title").asString()).isEqualTo("Broken series");
        assertThat(r.json().get("skipped").get(0).get("reason").asString()).contains("recurrence");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        var m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static void expect400(TestHttp.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("content-type")).contains("application/problem+json");
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).as(r.toString()).contains(field);
    }
}
