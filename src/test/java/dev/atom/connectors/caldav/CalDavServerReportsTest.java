package dev.atom.connectors.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Radicale 3.1 does not do, against a stub answering as RFC 4791 servers do (Nextcloud, iCloud): a
 * free-busy REPORT answered with a VFREEBUSY, and a calendar-query whose recurrences the server expanded. There
 * is no machine-readable CalDAV description to check requests against: the test checks the methods, Depth,
 * authentication and XML bodies itself. Also the server's refusals: 401 and 503 with Retry-After.
 */
class CalDavServerReportsTest extends StubbedServiceTestBase {
    static final String PASSWORD = "stub-" + "pass-1234";
    TestUsers users;
    TestUsers.User user;
    String connectionId;
    String calendar;

    @BeforeEach
    void connect() {
        STUB.stubFor(request("PROPFIND", urlEqualTo("/dav/"))
                .willReturn(aResponse()
                        .withStatus(207)
                        .withHeader("Content-Type", "application/xml; charset=utf-8")
                        .withBody("<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\"><d:response>"
                                + "<d:href>/dav/</d:href><d:propstat><d:prop><d:current-user-principal>"
                                + "<d:href>/dav/principals/ann/</d:href></d:current-user-principal></d:prop>"
                                + "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>")));
        users = new TestUsers(this::http);
        user = users.signUp("ann");
        String base = "http://localhost:" + STUB.port() + "/dav/";
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "caldav",
                                "name",
                                "Cal",
                                "credentials",
                                Map.of("server_url", base, "username", "ann", "password", PASSWORD)));
        assertThat(c.json().get("status").asString()).as(c.toString()).isEqualTo("connected");
        connectionId = c.json().get("id").asString();
        calendar = base + "cal/";
    }

    TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connectionId + "/actions/" + action, input);
    }

    @Test
    void freeBusyFromTheServersReport() {
        STUB.stubFor(request("REPORT", urlEqualTo("/dav/cal/"))
                .withRequestBody(containing("free-busy-query"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/calendar; charset=utf-8")
                        .withBody(String.join(
                                "\r\n",
                                "BEGIN:VCALENDAR",
                                "VERSION:2.0",
                                "PRODID:-//stub//EN",
                                "BEGIN:VFREEBUSY",
                                "DTSTAMP:20261120T000000Z",
                                "DTSTART:20261126T000000Z",
                                "DTEND:20261127T000000Z",
                                "FREEBUSY;FBTYPE=BUSY:20261126T090000Z/20261126T100000Z,20261126T093000Z/PT2H",
                                "FREEBUSY;FBTYPE=FREE:20261126T120000Z/20261126T130000Z",
                                "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261126T150000Z/20261126T160000Z",
                                "END:VFREEBUSY",
                                "END:VCALENDAR",
                                ""))));
        var r = run(
                "caldav.free_busy",
                Map.of("calendar", calendar, "start", "2026-11-26T00:00:00Z", "end", "2026-11-27T00:00:00Z"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        var out = r.json().get("output");
        assertThat(out.get("source").asString()).isEqualTo("server");
        assertThat(out.get("busy"))
                .extracting(b -> b.get("start").asString() + "/" + b.get("end").asString() + " "
                        + b.get("type").asString())
                .containsExactly(
                        "2026-11-26T09:00Z/2026-11-26T11:30Z BUSY",
                        "2026-11-26T15:00Z/2026-11-26T16:00Z BUSY-TENTATIVE");
        STUB.verify(requestedFor("REPORT", urlEqualTo("/dav/cal/"))
                .withHeader("Depth", equalTo("1"))
                .withHeader("Authorization", matching("Basic .+"))
                .withRequestBody(containing("<c:time-range start=\"20261126T000000Z\" end=\"20261127T000000Z\"/>")));
    }

    @Test
    void occurrencesTheServerExpanded() {
        String multistatus = "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\""
                + " xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:response><d:href>/dav/cal/s.ics</d:href>"
                + "<d:propstat><d:prop><d:getetag>\"e1\"</d:getetag><c:calendar-data>"
                + String.join(
                        "\n",
                        "BEGIN:VCALENDAR",
                        "VERSION:2.0",
                        "PRODID:-//stub//EN",
                        "BEGIN:VEVENT",
                        "UID:s",
                        "DTSTAMP:20261101T000000Z",
                        "RECURRENCE-ID:20261103T080000Z",
                        "DTSTART:20261103T080000Z",
                        "DURATION:PT15M",
                        "SUMMARY:Standup",
                        "END:VEVENT",
                        "BEGIN:VEVENT",
                        "UID:s",
                        "DTSTAMP:20261101T000000Z",
                        "RECURRENCE-ID:20261104T080000Z",
                        "DTSTART:20261104T080000Z",
                        "DURATION:PT15M",
                        "SUMMARY:Standup",
                        "END:VEVENT",
                        "END:VCALENDAR")
                + "</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
                + "</d:multistatus>";
        STUB.stubFor(request("REPORT", urlEqualTo("/dav/cal/"))
                .withRequestBody(containing("calendar-query"))
                .willReturn(aResponse()
                        .withStatus(207)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(multistatus)));
        var r = run(
                "caldav.list_events",
                Map.of("calendar", calendar, "start", "2026-11-03T00:00:00Z", "end", "2026-11-05T00:00:00Z"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        var out = r.json().get("output");
        assertThat(out.get("expandedBy").asString()).isEqualTo("server");
        assertThat(out.get("events"))
                .extracting(e -> e.get("start").asString() + "-" + e.get("end").asString())
                .containsExactly("2026-11-03T08:00Z-2026-11-03T08:15Z", "2026-11-04T08:00Z-2026-11-04T08:15Z");
        assertThat(out.at("/events/0/href").asString()).isEqualTo(calendar + "s.ics");
        assertThat(out.at("/events/0/etag").asString()).isEqualTo("\"e1\"");
        STUB.verify(requestedFor("REPORT", urlEqualTo("/dav/cal/"))
                .withRequestBody(containing("<c:expand start=\"20261103T000000Z\" end=\"20261105T000000Z\"/>")));
    }

    static final Map<String, String> RANGE =
            Map.of("calendar", "cal/", "start", "2026-11-03T00:00:00Z", "end", "2026-11-05T00:00:00Z");

    @Test
    void anOutageIsRetriableAfterRetryAfter() {
        STUB.stubFor(request("REPORT", urlEqualTo("/dav/cal/"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
        var outage = run("caldav.list_events", RANGE);
        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void refusedCredentialsNeedReconnect() {
        STUB.stubFor(request("REPORT", urlEqualTo("/dav/cal/"))
                .willReturn(aResponse().withStatus(401)));
        var unauthorized = run("caldav.list_events", RANGE);
        assertThat(unauthorized.status()).isEqualTo(424);
        assertThat(unauthorized.toString()).doesNotContain(PASSWORD);
    }
}
