package dev.atom.connectors.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.atom.connectors.TriggerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The new-mail and changed-event triggers over Graph delta queries: the first poll walks to the deltaLink
 * without reporting what exists, later polls follow nextLink pages to a new deltaLink, items are reported once
 * per key, and a forgotten sync state resets the cursor with a warning.
 */
class OutlookTriggersTest extends OutlookTestBase {
    private static final String INBOX_DELTA = V1 + "/me/mailFolders/inbox/messages/delta";
    private static final String EVENTS_DELTA = V1 + "/me/calendarView/delta";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureWarnings() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(DeltaSync.class)).addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(DeltaSync.class)).detachAppender(logs);
    }

    private static String mail(String id, String subject) {
        return "{\"id\":\"" + id + "\",\"subject\":\"" + subject + "\",\"receivedDateTime\":\"2026-11-24T09:00:00Z\","
                + "\"from\":{\"emailAddress\":{\"name\":\"Ann\",\"address\":\"ann@example.com\"}}}";
    }

    @Test
    void theFirstPollWalksToTheDeltaLinkWithoutReportingOldMail() {
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("changeType", equalTo("created"))
                .withQueryParam("$skiptoken", absent())
                .withHeader("Prefer", containing("odata.maxpagesize=50"))
                .willReturn(json("{\"value\":[" + mail("old1", "Old") + "]," + "\"@odata.nextLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$skiptoken=p2") + "\"}")));
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("$skiptoken", equalTo("p2"))
                .willReturn(json("{\"value\":[" + mail("old2", "Older") + "]," + "\"@odata.deltaLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d1") + "\"}")));
        var first = poll("outlook.new_mail", null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).isEqualTo("delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d1"));
        WM.verify(2, getRequestedFor(urlPathEqualTo(INBOX_DELTA)));
    }

    @Test
    void laterPollsFollowPagesReportEachMessageOnceAndStoreTheNewDeltaLink() {
        String cursor = "delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d1");
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(json("{\"value\":[" + mail("m1", "Hello") + "," + mail("m2", "Invoice") + "],"
                        + "\"@odata.nextLink\":\"" + link("/me/mailFolders/inbox/messages/delta?$skiptoken=s2")
                        + "\"}")));
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("$skiptoken", equalTo("s2"))
                .willReturn(json("{\"value\":[" + mail("m2", "Invoice") + ","
                        + "{\"id\":\"m0\",\"@removed\":{\"reason\":\"deleted\"}}],"
                        + "\"@odata.deltaLink\":\"" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d2")
                        + "\"}")));
        var next = poll("outlook.new_mail", cursor);
        assertThat(next.events()).extracting(TriggerEvent::dedupKey).containsExactly("m1", "m2");
        TriggerEvent m1 = next.events().getFirst();
        assertThat(m1.payload().get("subject").asString()).isEqualTo("Hello");
        assertThat(m1.payload().get("from").asString()).isEqualTo("Ann <ann@example.com>");
        assertThat(m1.occurredAt()).hasToString("2026-11-24T09:00:00Z");
        assertThat(next.cursor()).isEqualTo("delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d2"));
    }

    @Test
    void aForgottenSyncStateResetsTheCursorAndSaysSo() {
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("$deltatoken", equalTo("stale"))
                .willReturn(error(410, "SyncStateNotFound", "The sync state generation is no longer available.")));
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("changeType", equalTo("created"))
                .willReturn(json("{\"value\":[" + mail("m5", "Existing") + "]," + "\"@odata.deltaLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$deltatoken=fresh") + "\"}")));
        var poll = poll("outlook.new_mail", "delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=stale"));
        assertThat(poll.events()).as("the new baseline reports nothing").isEmpty();
        assertThat(poll.cursor()).isEqualTo("delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=fresh"));
        assertThat(logs.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("outlook.new_mail")
                        .contains("reset")
                        .contains("SyncStateNotFound"));
    }

    @Test
    void aSyncStateNotFoundCodeWithoutA410AlsoResets() {
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("$deltatoken", equalTo("stale"))
                .willReturn(error(400, "syncStateNotFound", "Sync state not found.")));
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("changeType", equalTo("created"))
                .willReturn(json("{\"value\":[],\"@odata.deltaLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$deltatoken=fresh") + "\"}")));
        var poll = poll("outlook.new_mail", "delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=stale"));
        assertThat(poll.cursor()).endsWith("$deltatoken=fresh");
    }

    @Test
    void aCursorFromAnotherHostIsNotFollowed() {
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("changeType", equalTo("created"))
                .willReturn(json("{\"value\":[],\"@odata.deltaLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$deltatoken=own") + "\"}")));
        var poll = poll("outlook.new_mail", "delta:https://evil.example/v1.0/me/mailFolders/inbox/messages/delta");
        assertThat(poll.events()).isEmpty();
        assertThat(poll.cursor()).endsWith("$deltatoken=own");
        assertThat(logs.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("new baseline"));
    }

    @Test
    void aLongWalkStopsAtThePageLimitAndTheNextPollGoesOn() {
        String loop = link("/me/mailFolders/inbox/messages/delta?$skiptoken=more");
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .willReturn(json("{\"value\":[" + mail("old", "Old") + "],\"@odata.nextLink\":\"" + loop + "\"}")));
        var first = poll("outlook.new_mail", null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).isEqualTo("baseline:" + loop);
        WM.verify(DeltaSync.MAX_PAGES, getRequestedFor(urlPathEqualTo(INBOX_DELTA)));

        WM.resetAll();
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .withQueryParam("$skiptoken", equalTo("more"))
                .willReturn(json("{\"value\":[" + mail("old2", "Old too") + "],\"@odata.deltaLink\":\""
                        + link("/me/mailFolders/inbox/messages/delta?$deltatoken=done") + "\"}")));
        var second = poll("outlook.new_mail", first.cursor());
        assertThat(second.events()).as("still the baseline: nothing reported").isEmpty();
        assertThat(second.cursor()).endsWith("$deltatoken=done");
    }

    @Test
    void aPollWithMoreChangesThanThePageLimitReportsThemAndGoesOnNextTime() {
        String loop = link("/me/mailFolders/inbox/messages/delta?$skiptoken=more");
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .willReturn(json("{\"value\":[" + mail("m1", "Hi") + "],\"@odata.nextLink\":\"" + loop + "\"}")));
        var poll = poll("outlook.new_mail", "delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d1"));
        assertThat(poll.events()).extracting(TriggerEvent::dedupKey).containsExactly("m1");
        assertThat(poll.cursor()).isEqualTo("next:" + loop);
    }

    @Test
    void eventChangesComeFromTheCalendarViewDeltaWithRemovedEvents() {
        WM.stubFor(get(urlPathEqualTo(EVENTS_DELTA))
                .withQueryParam("startDateTime", matching("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                .withQueryParam("endDateTime", matching("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                .withQueryParam("$deltatoken", absent())
                .willReturn(json("{\"value\":[{\"id\":\"e0\",\"subject\":\"Existing\"}]," + "\"@odata.deltaLink\":\""
                        + link("/me/calendarView/delta?$deltatoken=c1") + "\"}")));
        var first = poll("outlook.event_changed", null);
        assertThat(first.events()).isEmpty();
        assertThat(first.cursor()).isEqualTo("delta:" + link("/me/calendarView/delta?$deltatoken=c1"));

        WM.stubFor(get(urlPathEqualTo(EVENTS_DELTA))
                .withQueryParam("$deltatoken", equalTo("c1"))
                .willReturn(json("{\"value\":[{\"id\":\"e1\",\"subject\":\"Review\",\"changeKey\":\"ck7\","
                        + "\"start\":{\"dateTime\":\"2026-11-26T09:00:00.0000000\",\"timeZone\":\"UTC\"},"
                        + "\"lastModifiedDateTime\":\"2026-11-24T20:00:00Z\"},"
                        + "{\"id\":\"e2\",\"@removed\":{\"reason\":\"deleted\"}}],"
                        + "\"@odata.nextLink\":\"" + link("/me/calendarView/delta?$skiptoken=c2") + "\"}")));
        WM.stubFor(get(urlPathEqualTo(EVENTS_DELTA))
                .withQueryParam("$skiptoken", equalTo("c2"))
                .willReturn(json("{\"value\":[],\"@odata.deltaLink\":\"" + link("/me/calendarView/delta?$deltatoken=c3")
                        + "\"}")));
        var next = poll("outlook.event_changed", first.cursor());
        assertThat(next.events()).extracting(TriggerEvent::dedupKey).containsExactly("e1@ck7", "e2@removed");
        assertThat(next.events().get(0).payload().at("/event/subject").asString())
                .isEqualTo("Review");
        assertThat(next.events().get(0).payload().get("removed").asBoolean()).isFalse();
        assertThat(next.events().get(1).payload().get("removed").asBoolean()).isTrue();
        assertThat(next.cursor()).isEqualTo("delta:" + link("/me/calendarView/delta?$deltatoken=c3"));
    }

    @Test
    void anExpiredEventDeltaTokenStartsANewBaseline() {
        WM.stubFor(get(urlPathEqualTo(EVENTS_DELTA))
                .withQueryParam("$deltatoken", equalTo("old"))
                .willReturn(error(410, "SyncStateNotFound", "Sync state expired.")));
        WM.stubFor(get(urlPathEqualTo(EVENTS_DELTA))
                .withQueryParam("$deltatoken", absent())
                .willReturn(json("{\"value\":[{\"id\":\"e9\"}],\"@odata.deltaLink\":\""
                        + link("/me/calendarView/delta?$deltatoken=new") + "\"}")));
        var poll = poll("outlook.event_changed", "delta:" + link("/me/calendarView/delta?$deltatoken=old"));
        assertThat(poll.events()).isEmpty();
        assertThat(poll.cursor()).endsWith("$deltatoken=new");
        assertThat(logs.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("outlook.event_changed"));
    }

    @Test
    void throttlingDuringAPollIsRetriableAndKeepsTheCursor() {
        WM.stubFor(get(urlPathEqualTo(INBOX_DELTA))
                .willReturn(error(429, "TooManyRequests", "Too many requests").withHeader("Retry-After", "9")));
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.atom.connectors.ConnectorException.Retriable.class,
                () -> poll("outlook.new_mail", "delta:" + link("/me/mailFolders/inbox/messages/delta?$deltatoken=d1")));
        assertThat(thrown.retryAfter()).hasValue(java.time.Duration.ofSeconds(9));
    }
}
