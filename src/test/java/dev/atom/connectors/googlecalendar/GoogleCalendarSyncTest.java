package dev.atom.connectors.googlecalendar;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.google.GoogleTestBase;
import dev.atom.testing.FeedRunner;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The google-calendar.events feed against the stub (checked with Google's API description) into the calendar's
 * store, read back through GET /api/v1/calendar/events: calendarList then events per calendar, the first sync
 * windowed with series kept as masters, then sync tokens; cancelled events removed, 410 a full resync.
 */
@StubMount(property = "ATOM_GOOGLE_CALENDAR_BASE_URL", path = "/calendar/v3")
class GoogleCalendarSyncTest extends GoogleTestBase {
    static final String LIST = "/calendar/v3/users/me/calendarList";
    static final String WORK = "/calendar/v3/calendars/work%40example.com/events";
    static final String TEAM = "/calendar/v3/calendars/team%40group.calendar.google.com/events";
    static final Instant FROM = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-03-01T00:00:00Z");
    static final String SERIES =
            "{\"id\":\"s1\",\"status\":\"confirmed\",\"summary\":\"Standup\",\"etag\":\"\\\"1\\\"\","
                    + "\"updated\":\"2026-02-01T10:00:00.000Z\",\"htmlLink\":\"https://www.google.com/calendar/event?eid=s1\","
                    + "\"start\":{\"dateTime\":\"2026-03-02T09:00:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
                    + "\"end\":{\"dateTime\":\"2026-03-02T09:15:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
                    + "\"recurrence\":[\"RRULE:FREQ=WEEKLY;BYDAY=MO\",\"EXDATE;TZID=Europe/Berlin:20260309T090000\"]}";
    static final String REVIEW = "{\"id\":\"r1\",\"status\":\"confirmed\",\"summary\":\"Design review\","
            + "\"updated\":\"2026-02-01T10:00:00.000Z\",\"location\":\"Room 4\",\"transparency\":\"opaque\","
            + "\"attendees\":[{\"email\":\"ann@example.com\",\"displayName\":\"Ann\",\"responseStatus\":\"accepted\"}],"
            + "\"start\":{\"dateTime\":\"2026-03-02T09:10:00+01:00\"},\"end\":{\"dateTime\":\"2026-03-02T10:00:00+01:00\"}}";
    static final String OFFSITE = "{\"id\":\"o1\",\"status\":\"confirmed\",\"summary\":\"Offsite\","
            + "\"updated\":\"2026-02-01T10:00:00.000Z\",\"transparency\":\"transparent\","
            + "\"start\":{\"date\":\"2026-03-04\"},\"end\":{\"date\":\"2026-03-06\"}}";

    @Autowired
    List<SyncStore> stores;

    @Override
    protected String connectorId() {
        return "google-calendar";
    }

    @Override
    protected OpenApiContract contract() {
        return OpenApiContract.strict("google-calendar.json", "", spec -> {});
    }

    private FeedRunner.Run sync(String cursor) {
        return new FeedRunner(connectors, stores)
                .sync(user.workspaceId(), connectionId, "google-calendar", GoogleEventsFeed.ID, cursor, FROM, TO, 2);
    }

    private void calendars() {
        WM.stubFor(
                get(urlPathEqualTo(LIST))
                        .willReturn(
                                json(
                                        "{\"items\":[{\"id\":\"work@example.com\",\"summary\":\"Work\",\"backgroundColor\":"
                                                + "\"#0b8043\",\"accessRole\":\"owner\"},{\"id\":\"team@group.calendar.google.com\","
                                                + "\"summary\":\"Team\",\"summaryOverride\":\"Team days\",\"backgroundColor\":\"#d50000\"}]}")));
    }

    private List<String> week() {
        var r = users.as(user).get("/api/v1/calendar/events?from=2026-03-02&to=2026-03-17&timeZone=Europe/Berlin");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().get("events")) {
            out.add(e.get("title").asString() + "@" + e.get("start").asString() + "/"
                    + e.get("calendar").get("name").asString());
        }
        return out;
    }

    @Test
    void firstSyncListsEachCalendarInTheWindowWithSeriesAsMastersThenFollowsSyncTokens() {
        calendars();
        WM.stubFor(get(urlPathEqualTo(WORK))
                .withQueryParam("syncToken", absent())
                .withQueryParam("pageToken", absent())
                .withQueryParam("timeMin", equalTo(FROM.toString()))
                .withQueryParam("timeMax", equalTo(TO.toString()))
                .withQueryParam("singleEvents", equalTo("false"))
                .willReturn(
                        json("{\"timeZone\":\"Europe/Berlin\",\"items\":[" + SERIES + "],\"nextPageToken\":\"p2\"}")));
        WM.stubFor(get(urlPathEqualTo(WORK))
                .withQueryParam("pageToken", equalTo("p2"))
                .willReturn(json("{\"items\":[" + REVIEW + "],\"nextSyncToken\":\"work-1\"}")));
        WM.stubFor(get(urlPathEqualTo(TEAM))
                .withQueryParam("syncToken", absent())
                .willReturn(json("{\"items\":[" + OFFSITE + "],\"nextSyncToken\":\"team-1\"}")));

        var first = sync(null);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(week())
                .containsExactly(
                        "Standup@2026-03-02T09:00+01:00/Work",
                        "Design review@2026-03-02T09:10+01:00/Work",
                        "Offsite@2026-03-04/Team days",
                        "Standup@2026-03-16T09:00+01:00/Work");
        var r = users.as(user).get("/api/v1/calendar/events?from=2026-03-02&to=2026-03-03&timeZone=Europe/Berlin");
        JsonNode standup = r.json().get("events").get(0);
        assertThat(standup.get("recurring").asBoolean()).isTrue();
        assertThat(standup.get("conflict").asBoolean())
                .as("overlaps the review")
                .isTrue();
        assertThat(standup.get("calendar").get("color").asString()).isEqualTo("#0b8043");
        assertThat(standup.get("calendar").get("id").asString()).isEqualTo(connectionId + ":work@example.com");
        JsonNode review = r.json().get("events").get(1);
        assertThat(review.get("attendees").get(0).get("response").asString()).isEqualTo("accepted");
        assertThat(review.get("location").asString()).isEqualTo("Room 4");

        // the next poll: the moved instance and a cancelled single event, by sync token
        String movedInstance =
                "{\"id\":\"s1_20260316T080000Z\",\"status\":\"confirmed\",\"summary\":\"Standup (late)\","
                        + "\"recurringEventId\":\"s1\",\"originalStartTime\":{\"dateTime\":\"2026-03-16T09:00:00+01:00\"},"
                        + "\"start\":{\"dateTime\":\"2026-03-16T11:00:00+01:00\"},\"end\":{\"dateTime\":\"2026-03-16T11:15:00+01:00\"}}";
        String cancelledReview = "{\"id\":\"r1\",\"status\":\"cancelled\"}";
        WM.stubFor(get(urlPathEqualTo(WORK))
                .withQueryParam("syncToken", equalTo("work-1"))
                .willReturn(json(
                        "{\"items\":[" + movedInstance + "," + cancelledReview + "],\"nextSyncToken\":\"work-2\"}")));
        WM.stubFor(get(urlPathEqualTo(TEAM))
                .withQueryParam("syncToken", equalTo("team-1"))
                .willReturn(json("{\"items\":[],\"nextSyncToken\":\"team-2\"}")));
        var next = sync(first.cursor());
        assertThat(next.cursor()).contains("work-2").contains("team-2");
        assertThat(week())
                .containsExactly(
                        "Standup@2026-03-02T09:00+01:00/Work",
                        "Offsite@2026-03-04/Team days",
                        "Standup (late)@2026-03-16T11:00+01:00/Work");
        WM.verify(getRequestedFor(urlPathEqualTo(WORK))
                .withQueryParam("syncToken", equalTo("work-1"))
                .withQueryParam("showDeleted", equalTo("true"))
                .withQueryParam("timeMin", absent()));
    }

    @Test
    void anExpiredSyncTokenResyncsInFullAndSweepsWhatIsGone() {
        calendars();
        WM.stubFor(get(urlPathEqualTo(WORK))
                .withQueryParam("syncToken", absent())
                .willReturn(json("{\"items\":[" + SERIES + "," + REVIEW + "],\"nextSyncToken\":\"work-1\"}")));
        WM.stubFor(get(urlPathEqualTo(TEAM))
                .withQueryParam("syncToken", absent())
                .willReturn(json("{\"items\":[" + OFFSITE + "],\"nextSyncToken\":\"team-1\"}")));
        var first = sync(null);
        assertThat(week()).hasSize(4);

        WM.stubFor(get(urlPathEqualTo(WORK))
                .withQueryParam("syncToken", equalTo("work-1"))
                .willReturn(error(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.")));
        // meanwhile the review was deleted upstream: the full resync does not list it
        WM.stubFor(get(urlPathEqualTo(WORK))
                .withQueryParam("syncToken", absent())
                .willReturn(json("{\"items\":[" + SERIES + "],\"nextSyncToken\":\"work-9\"}")));
        var again = sync(first.cursor());
        assertThat(again.restarted()).isTrue();
        assertThat(week())
                .containsExactly(
                        "Standup@2026-03-02T09:00+01:00/Work",
                        "Offsite@2026-03-04/Team days",
                        "Standup@2026-03-16T09:00+01:00/Work");
    }
}
