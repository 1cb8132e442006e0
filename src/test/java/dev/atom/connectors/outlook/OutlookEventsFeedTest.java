package dev.atom.connectors.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectorException;
import dev.atom.testing.FeedRunner;
import dev.atom.testing.StubResponseContract;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * outlook.events against the stub into the calendar, read back through GET /api/v1/calendar/events: a
 * calendarView delta over the window in pages (occurrences of a series as items of their own), then the
 * deltaLink brings changes, {@code @removed} and cancelled events; 410 and syncStateNotFound are a full resync
 * that sweeps what is gone; a revoked token needs reconnecting.
 */
class OutlookEventsFeedTest extends OutlookTestBase {
    private static final String DELTA = V1 + "/me/calendarView/delta";
    private static final Instant FROM = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-03-01T00:00:00Z");

    @Autowired
    List<SyncStore> stores;

    /** What the stub answered must be what Graph answers: each delta item as GET of one item returns it. */
    @AfterEach
    void theStubAnsweredAsGraphDoes() {
        StubResponseContract.of("msgraph-mail-calendar.json", "nullable-refs", StubResponseContract::graphNullableRefs)
                .assertResponsesValid(WM, V1, Map.of("/me/calendarView/delta", "/me/events/{event-id}"), UNDESCRIBED);
    }

    private FeedRunner.Run sync(String cursor) {
        return new FeedRunner(connectors, stores)
                .sync(user.workspaceId(), connectionId, "outlook", OutlookEventsFeed.ID, cursor, FROM, TO, 2);
    }

    private static String event(String id, String subject, String start, String end, String extra) {
        return "{\"id\":\"" + id + "\",\"subject\":\"" + subject + "\",\"isAllDay\":false,\"isCancelled\":false,"
                + "\"showAs\":\"busy\",\"type\":\"singleInstance\",\"changeKey\":\"ck-" + id + "\","
                + "\"lastModifiedDateTime\":\"2026-02-01T10:00:00Z\",\"webLink\":\"https://outlook.office365.com/"
                + "calendar/item/" + id + "\",\"location\":{\"displayName\":\"Room 1\"},"
                + "\"organizer\":{\"emailAddress\":{\"name\":\"Olga\",\"address\":\"olga@example.com\"}},"
                + "\"attendees\":[{\"type\":\"required\",\"status\":{\"response\":\"accepted\"},\"emailAddress\":"
                + "{\"name\":\"Bob\",\"address\":\"bob@example.com\"}}],"
                + "\"start\":{\"dateTime\":\"" + start + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + end + ".0000000\",\"timeZone\":\"UTC\"}" + extra + "}";
    }

    private static final String PLANNING = event("e1", "Planning", "2026-03-02T09:00:00", "2026-03-02T10:00:00", "");
    private static final String STANDUP_1 = event(
            "o1",
            "Standup",
            "2026-03-03T08:00:00",
            "2026-03-03T08:15:00",
            ",\"seriesMasterId\":\"s1\",\"originalStart\":\"2026-03-03T08:00:00Z\"");
    private static final String STANDUP_2 = event(
            "o2",
            "Standup",
            "2026-03-04T08:00:00",
            "2026-03-04T08:15:00",
            ",\"seriesMasterId\":\"s1\",\"originalStart\":\"2026-03-04T08:00:00Z\"");

    private List<String> week() {
        var r = users.as(user).get("/api/v1/calendar/events?from=2026-03-02&to=2026-03-09&timeZone=UTC");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().get("events")) {
            out.add(e.get("title").asString() + "@" + e.get("start").asString());
        }
        return out;
    }

    private FeedRunner.Run firstSync() {
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("startDateTime", equalTo(FROM.toString()))
                .withQueryParam("endDateTime", equalTo(TO.toString()))
                .withHeader("Prefer", containing("odata.maxpagesize=2"))
                .willReturn(json("{\"value\":[" + PLANNING + "," + STANDUP_1 + "],\"@odata.nextLink\":\""
                        + link("/me/calendarView/delta?$skiptoken=s2") + "\"}")));
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$skiptoken", equalTo("s2"))
                .willReturn(json("{\"value\":[" + STANDUP_2 + "],\"@odata.deltaLink\":\""
                        + link("/me/calendarView/delta?$deltatoken=d1") + "\"}")));
        var first = sync(null);
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.cursor()).isEqualTo(link("/me/calendarView/delta?$deltatoken=d1"));
        return first;
    }

    @Test
    void firstSyncInPagesThenDeltaChangesRemovalsAndCancellations() {
        var first = firstSync();
        assertThat(week())
                .containsExactly(
                        "Planning@2026-03-02T09:00Z", "Standup@2026-03-03T08:00Z", "Standup@2026-03-04T08:00Z");
        var r = users.as(user).get("/api/v1/calendar/events?from=2026-03-02&to=2026-03-03&timeZone=UTC");
        JsonNode planning = r.json().get("events").get(0);
        assertThat(planning.get("location").asString()).isEqualTo("Room 1");
        assertThat(planning.get("attendees").get(0).get("response").asString()).isEqualTo("accepted");
        assertThat(planning.get("calendar").get("name").asString()).isEqualTo("Outlook calendar");

        // planning moved an hour later, one occurrence deleted, the other cancelled, a new event
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(json("{\"value\":["
                        + event("e1", "Planning", "2026-03-02T10:00:00", "2026-03-02T11:00:00", "")
                        + ",{\"id\":\"o1\",\"@removed\":{\"reason\":\"deleted\"}},"
                        + STANDUP_2.replace("\"isCancelled\":false", "\"isCancelled\":true") + ","
                        + event("e2", "Retro", "2026-03-05T14:00:00", "2026-03-05T15:00:00", "")
                        + "],\"@odata.deltaLink\":\"" + link("/me/calendarView/delta?$deltatoken=d2") + "\"}")));
        var next = sync(first.cursor());
        assertThat(next.cursor()).endsWith("$deltatoken=d2");
        assertThat(week()).containsExactly("Planning@2026-03-02T10:00Z", "Retro@2026-03-05T14:00Z");
    }

    @Test
    void anExpiredDeltaLinkIsAFullResyncThatSweepsWhatIsGone() {
        var first = firstSync();
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(aResponse().withStatus(410)));
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("startDateTime", equalTo(FROM.toString()))
                .withQueryParam("$skiptoken", absent())
                .willReturn(json("{\"value\":[" + PLANNING + "],\"@odata.deltaLink\":\""
                        + link("/me/calendarView/delta?$deltatoken=d9") + "\"}")));
        var again = sync(first.cursor());
        assertThat(again.restarted()).isTrue();
        assertThat(week()).containsExactly("Planning@2026-03-02T09:00Z");

        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d9"))
                .willReturn(error(400, "SyncStateNotFound", "The sync state generation is not found.")));
        assertThat(sync(again.cursor()).restarted()).isTrue();
    }

    @Test
    void aRevokedTokenNeedsReconnectingAndKeepsTheCopy() {
        var first = firstSync();
        WM.stubFor(get(urlPathEqualTo(DELTA))
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")));
        assertThatThrownBy(() -> sync(first.cursor())).isInstanceOf(ConnectorException.NeedsReconnect.class);
        assertThat(week()).hasSize(3);
    }
}
