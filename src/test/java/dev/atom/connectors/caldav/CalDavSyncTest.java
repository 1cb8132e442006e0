package dev.atom.connectors.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.Connectors;
import dev.atom.testing.FeedRunner;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The caldav.events feed against a real Radicale (which offers sync-collection) into the calendar's store, read back
 * through the calendar API: first sync in the window, then changes and deletions by sync token, and writes from
 * the calendar API going through the connector with the local copy following at once.
 */
class CalDavSyncTest extends StubbedServiceTestBase {
    static final String PASSWORD = "dav-" + "sync-4711";
    static final Instant FROM = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-03-01T00:00:00Z");
    static Radicale radicale;

    @Autowired
    Connectors connectors;

    @Autowired
    List<SyncStore> stores;

    TestUsers users;
    TestUsers.User user;
    String connectionId;
    String collection;

    @BeforeAll
    static void startRadicale() {
        radicale = Radicale.start(Map.of("cleo", PASSWORD, "dora", PASSWORD));
    }

    @AfterAll
    static void stopRadicale() {
        if (radicale != null) {
            radicale.close();
        }
    }

    String account;

    /** Each test its own Radicale account: the connection syncs every calendar of the account. */
    void connect(String who) {
        account = who;
        users = new TestUsers(this::http);
        user = users.signUp(who);
        String name = "sync" + System.nanoTime();
        radicale.mkcalendar(who, PASSWORD, name, "Home");
        collection = "/" + who + "/" + name + "/";
        Map<String, Object> credentials = new HashMap<>();
        credentials.put("server_url", radicale.url());
        credentials.put("username", who);
        credentials.put("password", PASSWORD);
        var c = users.as(user)
                .post("/api/v1/connections", Map.of("connector", "caldav", "name", "Home", "credentials", credentials));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        connectionId = c.json().get("id").asString();
    }

    private void put(String uid, String vevents) {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + vevents + "END:VCALENDAR\r\n";
        var r = radicale.request(account, PASSWORD, "PUT", collection + uid + ".ics", ics, "text/calendar");
        assertThat(r.statusCode()).as(r.body()).isIn(201, 204);
    }

    private FeedRunner.Run sync(String cursor) {
        return new FeedRunner(connectors, stores)
                .sync(user.workspaceId(), connectionId, "caldav", CalDavEventsFeed.ID, cursor, FROM, TO, 100);
    }

    private List<String> week() {
        var r = users.as(user).get("/api/v1/calendar/events?from=2026-03-02&to=2026-03-17&timeZone=Europe/Berlin");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().get("events")) {
            out.add(e.get("title").asString() + "@" + e.get("start").asString());
        }
        return out;
    }

    static String event(String uid, String summary, String start, String end, String extra) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260201T000000Z\r\nDTSTART;TZID=Europe/Berlin:" + start
                + "\r\nDTEND;TZID=Europe/Berlin:" + end + "\r\nSUMMARY:" + summary + "\r\n" + extra + "END:VEVENT\r\n";
    }

    @Test
    void syncsTheCollectionThenChangesAndDeletionsBySyncToken() {
        connect("cleo");
        put(
                "series",
                event("series", "Yoga", "20260302T180000", "20260302T190000", "RRULE:FREQ=WEEKLY;COUNT=3\r\n")
                        + event(
                                "series",
                                "Yoga (moved)",
                                "20260310T180000",
                                "20260310T190000",
                                "RECURRENCE-ID;TZID=Europe/Berlin:20260309T180000\r\n"));
        put("dentist", event("dentist", "Dentist", "20260303T080000", "20260303T090000", ""));
        var first = sync(null);
        assertThat(first.cursor()).contains("token:");
        assertThat(week())
                .containsExactly(
                        "Yoga@2026-03-02T18:00+01:00",
                        "Dentist@2026-03-03T08:00+01:00",
                        "Yoga (moved)@2026-03-10T18:00+01:00",
                        "Yoga@2026-03-16T18:00+01:00");

        // changed upstream: the override is dropped and the dentist deleted
        put("series", event("series", "Yoga", "20260302T180000", "20260302T190000", "RRULE:FREQ=WEEKLY;COUNT=3\r\n"));
        var deleted = radicale.request(account, PASSWORD, "DELETE", collection + "dentist.ics", null, null);
        assertThat(deleted.statusCode()).isIn(200, 204);
        var next = sync(first.cursor());
        assertThat(next.restarted()).isFalse();
        assertThat(week())
                .containsExactly(
                        "Yoga@2026-03-02T18:00+01:00", "Yoga@2026-03-09T18:00+01:00", "Yoga@2026-03-16T18:00+01:00");
    }

    @Test
    void theCalendarApiWritesThroughTheConnectorAndTheLocalCopyFollows() {
        connect("dora");
        put("seed", event("seed", "Seed", "20260302T080000", "20260302T090000", ""));
        var first = sync(null);
        var events = users.as(user).get("/api/v1/calendar/events?from=2026-03-02&to=2026-03-03&timeZone=Europe/Berlin");
        String calendar =
                events.json().get("events").get(0).get("calendar").get("id").asString();

        var created = users.as(user)
                .post(
                        "/api/v1/calendar/events",
                        Map.of(
                                "calendar", calendar,
                                "title", "Plumber",
                                "start", "2026-03-02T08:30",
                                "end", "2026-03-02T09:30",
                                "timeZone", "Europe/Berlin"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("conflicts").get(0).get("title").asString())
                .isEqualTo("Seed");
        String id = created.json().get("event").get("id").asString();
        // the server has it under the id the local copy uses: a sync leaves one copy
        first = sync(first.cursor());
        assertThat(week()).containsExactly("Seed@2026-03-02T08:00+01:00", "Plumber@2026-03-02T08:30+01:00");

        var moved = users.as(user)
                .patch(
                        "/api/v1/calendar/events/" + id,
                        Map.of("start", "2026-03-02T10:00", "end", "2026-03-02T11:00", "timeZone", "Europe/Berlin"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("conflicts")).isEmpty();
        assertThat(week()).containsExactly("Seed@2026-03-02T08:00+01:00", "Plumber@2026-03-02T10:00+01:00");

        var cancelled = users.as(user).delete("/api/v1/calendar/events/" + id);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);
        assertThat(week()).containsExactly("Seed@2026-03-02T08:00+01:00");
        // and the server agrees on the next sync
        sync(first.cursor());
        assertThat(week()).containsExactly("Seed@2026-03-02T08:00+01:00");

        // each write ran as the person: the connection's call log names them, newest first
        var calls = users.as(user)
                .get("/api/v1/connections/" + connectionId + "/calls")
                .json()
                .get("items");
        assertThat(calls.valueStream().map(c -> c.get("action").asString()))
                .containsExactly("caldav.delete_event", "caldav.update_event", "caldav.create_event");
        assertThat(calls.valueStream().map(c -> c.get("user").asString())).containsOnly(user.id());
        assertThat(calls.valueStream().map(c -> c.get("outcome").asString())).containsOnly("succeeded");
    }
}
