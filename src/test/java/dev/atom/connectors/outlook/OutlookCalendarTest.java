package dev.atom.connectors.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The calendar actions against a stubbed Microsoft Graph. */
class OutlookCalendarTest extends OutlookTestBase {
    private static final String EVENT = "{\"id\":\"AAMkE1\",\"subject\":\"Planning\",\"isAllDay\":false,"
            + "\"start\":{\"dateTime\":\"2026-11-25T14:00:00.0000000\",\"timeZone\":\"Europe/Berlin\"},"
            + "\"end\":{\"dateTime\":\"2026-11-25T15:00:00.0000000\",\"timeZone\":\"Europe/Berlin\"},"
            + "\"location\":{\"displayName\":\"Room 4\"},\"showAs\":\"busy\",\"type\":\"singleInstance\","
            + "\"organizer\":{\"emailAddress\":{\"name\":\"Olga\",\"address\":\"olga@contoso.com\"}},"
            + "\"attendees\":[{\"type\":\"required\",\"status\":{\"response\":\"accepted\"},"
            + "\"emailAddress\":{\"name\":\"Ann\",\"address\":\"ann@example.com\"}}],"
            + "\"onlineMeeting\":{\"joinUrl\":\"https://teams.example/join/1\"},"
            + "\"lastModifiedDateTime\":\"2026-11-24T10:00:00Z\"}";

    @Test
    void listUsesTheCalendarViewInTheAskedTimeZone() {
        String next =
                link("/me/calendarView?startDateTime=2026-11-25T00:00:00Z&endDateTime=2026-11-26T00:00:00Z&$skip=1");
        WM.stubFor(get(urlPathEqualTo(V1 + "/me/calendarView"))
                .withQueryParam("startDateTime", equalTo("2026-11-25T00:00:00Z"))
                .withQueryParam("endDateTime", equalTo("2026-11-26T00:00:00Z"))
                .withQueryParam("$orderby", equalTo("start/dateTime"))
                .withQueryParam("$top", equalTo("1"))
                .withHeader("Prefer", containing("outlook.timezone=\"Europe/Berlin\""))
                .willReturn(json("{\"value\":[" + EVENT + "],\"@odata.nextLink\":\"" + next + "\"}")));
        JsonNode out = output(
                "outlook.list_events",
                Map.of(
                        "start", "2026-11-25T00:00:00Z",
                        "end", "2026-11-26T00:00:00Z",
                        "timeZone", "Europe/Berlin",
                        "top", 1));
        JsonNode e = out.get("events").get(0);
        assertThat(e.get("subject").asString()).isEqualTo("Planning");
        assertThat(e.at("/start/dateTime").asString()).startsWith("2026-11-25T14:00");
        assertThat(e.at("/start/timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(e.get("location").asString()).isEqualTo("Room 4");
        assertThat(e.get("organizer").asString()).isEqualTo("Olga <olga@contoso.com>");
        assertThat(e.at("/attendees/0/response").asString()).isEqualTo("accepted");
        assertThat(e.get("joinUrl").asString()).isEqualTo("https://teams.example/join/1");
        assertThat(out.get("nextLink").asString()).isEqualTo(next);
    }

    @Test
    void createPassesTheIdempotencyKeyAsTransactionId() {
        WM.stubFor(post(V1 + "/me/events")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(EVENT)));
        Map<String, Object> input = Map.of(
                "subject",
                "Planning",
                "start",
                Map.of("dateTime", "2026-11-25T14:00:00", "timeZone", "Europe/Berlin"),
                "end",
                Map.of("dateTime", "2026-11-25T15:00:00", "timeZone", "Europe/Berlin"),
                "location",
                "Room 4",
                "attendees",
                List.of("Ann <ann@example.com>"),
                "body",
                "Agenda: budget");
        var created = users.as(user)
                .header("Idempotency-Key", "run-7-step-2")
                .post("/api/v1/connections/" + connectionId + "/actions/outlook.create_event", input);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().at("/output/id").asString()).isEqualTo("AAMkE1");
        WM.verify(postRequestedFor(urlPathEqualTo(V1 + "/me/events"))
                .withRequestBody(equalToJson("{\"subject\":\"Planning\","
                        + "\"start\":{\"dateTime\":\"2026-11-25T14:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                        + "\"end\":{\"dateTime\":\"2026-11-25T15:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                        + "\"body\":{\"contentType\":\"text\",\"content\":\"Agenda: budget\"},"
                        + "\"location\":{\"displayName\":\"Room 4\"},"
                        + "\"attendees\":[{\"type\":\"required\",\"emailAddress\":{\"address\":\"ann@example.com\",\"name\":\"Ann\"}}],"
                        + "\"transactionId\":\"run-7-step-2\"}")));
    }

    @Test
    void createWithoutAKeySendsNoTransactionIdAndALongKeyIsHashed() {
        assertThat(OutlookEvents.transactionId("k".repeat(200)))
                .hasSize(64)
                .isEqualTo(OutlookEvents.transactionId("k".repeat(200)))
                .isNotEqualTo(OutlookEvents.transactionId("k".repeat(201)));
        WM.stubFor(post(V1 + "/me/events")
                .withRequestBody(equalToJson("{\"subject\":\"Solo\",\"isAllDay\":true,"
                        + "\"start\":{\"dateTime\":\"2026-12-01T00:00:00\",\"timeZone\":\"UTC\"},"
                        + "\"end\":{\"dateTime\":\"2026-12-02T00:00:00\",\"timeZone\":\"UTC\"}}"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(EVENT)));
        output(
                "outlook.create_event",
                Map.of(
                        "subject",
                        "Solo",
                        "start",
                        Map.of("dateTime", "2026-12-01T00:00:00"),
                        "end",
                        Map.of("dateTime", "2026-12-02T00:00:00"),
                        "isAllDay",
                        true));
    }

    @Test
    void updatePatchesOnlyTheGivenFields() {
        WM.stubFor(patch(urlPathEqualTo(V1 + "/me/events/AAMkE1"))
                .withRequestBody(equalToJson("{\"subject\":\"Planning (moved)\","
                        + "\"start\":{\"dateTime\":\"2026-11-25T16:00:00\",\"timeZone\":\"Europe/Berlin\"}}"))
                .willReturn(json(EVENT.replace("\"Planning\"", "\"Planning (moved)\""))));
        JsonNode out = output(
                "outlook.update_event",
                Map.of(
                        "eventId", "AAMkE1",
                        "subject", "Planning (moved)",
                        "start", Map.of("dateTime", "2026-11-25T16:00:00", "timeZone", "Europe/Berlin")));
        assertThat(out.get("subject").asString()).isEqualTo("Planning (moved)");
        var nothing = run("outlook.update_event", Map.of("eventId", "AAMkE1"));
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.body()).contains("input.subject");
    }

    @Test
    void deleteIsDoneOnceAndAGoneEventIsNotAnError() {
        WM.stubFor(delete(urlPathEqualTo(V1 + "/me/events/AAMkE1"))
                .willReturn(aResponse().withStatus(204)));
        WM.stubFor(delete(urlPathEqualTo(V1 + "/me/events/AAMkE2"))
                .willReturn(error(404, "ErrorItemNotFound", "The specified object was not found in the store.")));
        JsonNode deleted = output("outlook.delete_event", Map.of("eventId", "AAMkE1"));
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        JsonNode gone = output("outlook.delete_event", Map.of("eventId", "AAMkE2"));
        assertThat(gone.get("deleted").asBoolean()).isFalse();
    }

    @Test
    void freeBusyAsksGetScheduleForTheOwnMailboxByDefault() {
        WM.stubFor(get(urlPathEqualTo(V1 + "/me")).willReturn(json("{\"id\":\"u1\",\"mail\":\"olga@contoso.com\"}")));
        WM.stubFor(
                post(V1 + "/me/calendar/getSchedule")
                        .withHeader("Prefer", containing("outlook.timezone=\"Europe/Berlin\""))
                        .withRequestBody(equalToJson("{\"schedules\":[\"olga@contoso.com\"],"
                                + "\"startTime\":{\"dateTime\":\"2026-11-25T08:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                                + "\"endTime\":{\"dateTime\":\"2026-11-25T18:00:00\",\"timeZone\":\"Europe/Berlin\"},"
                                + "\"availabilityViewInterval\":60}"))
                        .willReturn(
                                json(
                                        "{\"value\":[{\"scheduleId\":\"olga@contoso.com\",\"availabilityView\":\"0022000000\","
                                                + "\"scheduleItems\":[{\"status\":\"busy\",\"subject\":\"Planning\","
                                                + "\"start\":{\"dateTime\":\"2026-11-25T10:00:00.0000000\",\"timeZone\":\"Europe/Berlin\"},"
                                                + "\"end\":{\"dateTime\":\"2026-11-25T12:00:00.0000000\",\"timeZone\":\"Europe/Berlin\"}}]}]}")));
        JsonNode out = output(
                "outlook.free_busy",
                Map.of(
                        "start", Map.of("dateTime", "2026-11-25T08:00:00", "timeZone", "Europe/Berlin"),
                        "end", Map.of("dateTime", "2026-11-25T18:00:00", "timeZone", "Europe/Berlin"),
                        "intervalMinutes", 60));
        JsonNode s = out.get("schedules").get(0);
        assertThat(s.get("scheduleId").asString()).isEqualTo("olga@contoso.com");
        assertThat(s.get("availabilityView").asString()).isEqualTo("0022000000");
        assertThat(s.at("/busy/0/status").asString()).isEqualTo("busy");
        assertThat(s.at("/busy/0/start/dateTime").asString()).startsWith("2026-11-25T10:00");
    }

    /** Find-a-time asks Graph's getSchedule for an attendee nobody in Atom answers for, as the asker. */
    @Test
    void findTimeAsksGetScheduleForAttendeesAsTheAsker() {
        WM.stubFor(post(V1 + "/me/calendar/getSchedule")
                .withRequestBody(matchingJsonPath("$.schedules[0]", equalTo("bob@contoso.com")))
                .willReturn(json("{\"value\":[{\"scheduleId\":\"bob@contoso.com\",\"scheduleItems\":[{\"status\":"
                        + "\"busy\",\"start\":{\"dateTime\":\"2026-03-02T10:00:00.0000000\",\"timeZone\":\"UTC\"},"
                        + "\"end\":{\"dateTime\":\"2026-03-02T11:00:00.0000000\",\"timeZone\":\"UTC\"}}]}]}")));
        var found = users.as(user)
                .post(
                        "/api/v1/calendar/find-time",
                        Map.of(
                                "minutes", 60,
                                "from", "2026-03-02T09:00Z",
                                "to", "2026-03-02T12:00Z",
                                "timeZone", "UTC",
                                "attendees", List.of("bob@contoso.com")));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("attendees").get(0).get("source").asString())
                .isEqualTo("outlook");
        assertThat(found.json()
                        .get("slots")
                        .valueStream()
                        .map(n -> n.get("start").asString()))
                .contains("2026-03-02T09:00Z", "2026-03-02T11:00Z")
                .doesNotContain("2026-03-02T10:00Z");
        var call = users.as(user)
                .get("/api/v1/connections/" + connectionId + "/calls")
                .json()
                .get("items")
                .get(0);
        assertThat(call.get("action").asString()).isEqualTo("outlook.free_busy");
        assertThat(call.get("user").asString()).isEqualTo(user.id());
    }

    @Test
    void freeBusyReportsAScheduleGraphCouldNotRead() {
        WM.stubFor(post(V1 + "/me/calendar/getSchedule")
                .willReturn(json("{\"value\":[{\"scheduleId\":\"x@other.example\",\"scheduleItems\":[],"
                        + "\"error\":{\"message\":\"Not a valid user\",\"responseCode\":\"ErrorInvalidUser\"}}]}")));
        JsonNode out = output(
                "outlook.free_busy",
                Map.of(
                        "start", Map.of("dateTime", "2026-11-25T08:00:00"),
                        "end", Map.of("dateTime", "2026-11-25T18:00:00"),
                        "schedules", List.of("x@other.example")));
        assertThat(out.at("/schedules/0/error").asString()).isEqualTo("Not a valid user");
        assertThat(out.at("/schedules/0/busy")).isEmpty();
        var bad = run(
                "outlook.free_busy",
                Map.of(
                        "start", Map.of("dateTime", "2026-11-25T08:00:00"),
                        "end", Map.of("dateTime", "2026-11-25T18:00:00"),
                        "schedules", List.of("ok@example.com", "nope")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("input.schedules[1]");
    }
}
