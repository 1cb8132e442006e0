package dev.atom.connectors.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Find-a-time with attendees on the asker's CalDAV server, against a real Radicale where users read each other's
 * calendars ({@code owner_write}): Bob's busy hour (Radicale has no free-busy report, so it is computed from his
 * events) leaves no slot, an address the server does not know is reported as unanswered, and the lookup is in
 * the connection's call log under the asker.
 */
class CalDavFindTimeTest extends StubbedServiceTestBase {
    static final String PASSWORD = "dav-" + "pass-4242";
    static final String BOB = "bob@example.com";
    static Radicale radicale;

    @BeforeAll
    static void startRadicale() {
        radicale = Radicale.start(Map.of("ann", PASSWORD, BOB, PASSWORD), "owner_write");
        radicale.mkcalendar(BOB, PASSWORD, "work", "Bob's work");
        String ics = String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//atom test//EN",
                "BEGIN:VEVENT",
                "UID:bob-review@example.com",
                "DTSTAMP:20260301T000000Z",
                "DTSTART:20260302T100000Z",
                "DTEND:20260302T110000Z",
                "SUMMARY:Bob's secret review",
                "END:VEVENT",
                "END:VCALENDAR",
                "");
        var put = radicale.request(BOB, PASSWORD, "PUT", "/" + BOB + "/work/review.ics", ics, "text/calendar");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopRadicale() {
        if (radicale != null) {
            radicale.close();
        }
    }

    @Test
    void attendeesBusyTimesComeFromTheirCalendarsOnTheSameServer() {
        var users = new TestUsers(this::http);
        var ann = users.signUp("ann");
        var c = users.as(ann)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "caldav",
                                "name",
                                "Team calendar",
                                "credentials",
                                Map.of("server_url", radicale.url(), "username", "ann", "password", PASSWORD)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        assertThat(c.json().get("status").asString()).as(c.toString()).isEqualTo("connected");
        String connection = c.json().get("id").asString();

        var found = users.as(ann)
                .post(
                        "/api/v1/calendar/find-time",
                        Map.of(
                                "minutes", 60,
                                "from", "2026-03-02T09:00Z",
                                "to", "2026-03-02T13:00Z",
                                "timeZone", "UTC",
                                "attendees", List.of(BOB, "nobody@example.com")));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(starts(found.json()))
                .as("Bob is busy 10:00-11:00")
                .doesNotContain("2026-03-02T10:00Z")
                .contains("2026-03-02T09:00Z", "2026-03-02T11:00Z");
        var attendees = found.json().get("attendees");
        assertThat(attendees.get(0).get("email").asString()).isEqualTo(BOB);
        assertThat(attendees.get(0).get("source").asString()).isEqualTo("caldav");
        assertThat(attendees.get(1).get("source").asString()).isEqualTo("none");
        assertThat(found.body()).doesNotContain("secret review");

        var calls = users.as(ann)
                .get("/api/v1/connections/" + connection + "/calls")
                .json()
                .get("items");
        assertThat(calls.get(0).get("action").asString()).isEqualTo("caldav.attendee_free_busy");
        assertThat(calls.get(0).get("user").asString()).isEqualTo(ann.id());
        assertThat(calls.get(0).get("outcome").asString()).isEqualTo("succeeded");
    }

    private static List<String> starts(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("slots").forEach(s -> out.add(s.get("start").asString()));
        return out;
    }
}
