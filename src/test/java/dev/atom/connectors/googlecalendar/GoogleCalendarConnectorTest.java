package dev.atom.connectors.googlecalendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.google.GoogleTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@StubMount(property = "ATOM_GOOGLE_CALENDAR_BASE_URL", path = "/calendar/v3")
class GoogleCalendarConnectorTest extends GoogleTestBase {
    private static final String EVENTS = "/calendar/v3/calendars/primary/events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TIMED =
            "{\"id\":\"e1\",\"status\":\"confirmed\",\"summary\":\"Standup\",\"updated\":\"2026-03-01T10:00:00.000Z\","
                    + "\"start\":{\"dateTime\":\"2026-03-02T09:30:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
                    + "\"end\":{\"dateTime\":\"2026-03-02T09:45:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
                    + "\"attendees\":[{\"email\":\"ann@example.com\"}],\"organizer\":{\"email\":\"gina@example.com\"},"
                    + "\"htmlLink\":\"https://www.google.com/calendar/event?eid=e1\"}";
    private static final String ALL_DAY = "{\"id\":\"e2\",\"status\":\"confirmed\",\"summary\":\"Holiday\","
            + "\"updated\":\"2026-02-01T08:00:00.000Z\",\"start\":{\"date\":\"2026-03-03\"},\"end\":{\"date\":\"2026-03-04\"}}";

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "google-calendar.list_events",
                "google-calendar.create_event",
                "google-calendar.update_event",
                "google-calendar.delete_event",
                "google-calendar.free_busy");
    }

    /** What the catalog tells the engine and the assistant: which actions write, how a retry is safe, how to connect. */
    @Test
    void catalogFacts() {
        assertThat(retryFacts())
                .isEqualTo(Map.of(
                        "google-calendar.list_events", "reads natural",
                        "google-calendar.create_event", "writes key",
                        "google-calendar.update_event", "writes natural",
                        "google-calendar.delete_event", "writes natural",
                        "google-calendar.free_busy", "reads natural"));
        assertThat(authKinds()).containsExactly("oauth2");
        assertThat(catalogEntry().at("/auth/pkce").asBoolean()).isTrue();
        assertThat(catalogEntry().at("/auth/scopes"))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.asString()).startsWith("https://www.googleapis.com/auth/"));
        assertThat(triggerKinds()).containsExactly("google-calendar.event_changed polling");
    }

    @Override
    protected String connectorId() {
        return "google-calendar";
    }

    @Override
    protected OpenApiContract contract() {
        return OpenApiContract.strict("google-calendar.json", "", spec -> {});
    }

    @Test
    void healthReadsThePrimaryCalendar() {
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .withQueryParam("maxResults", equalTo("1"))
                .willReturn(json("{\"summary\":\"gina@example.com\",\"items\":[]}")));
        var r = test();
        assertThat(r.json().get("status").asString()).isEqualTo("connected");
        assertThat(r.json().get("account").asString()).isEqualTo("gina@example.com");
    }

    @Test
    void listExpandsRecurringEventsInTheAskedTimeZone() {
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .withQueryParam("timeMin", equalTo("2026-03-02T00:00:00+01:00"))
                .withQueryParam("timeMax", equalTo("2026-03-05T00:00:00+01:00"))
                .withQueryParam("singleEvents", equalTo("true"))
                .withQueryParam("orderBy", equalTo("startTime"))
                .withQueryParam("timeZone", equalTo("Europe/Berlin"))
                .willReturn(json("{\"timeZone\":\"Europe/Berlin\",\"items\":[" + TIMED + "," + ALL_DAY + "]}")));
        JsonNode out = output(
                "google-calendar.list_events",
                Map.of(
                        "timeMin", "2026-03-02T00:00:00+01:00",
                        "timeMax", "2026-03-05T00:00:00+01:00",
                        "timeZone", "Europe/Berlin"));
        assertThat(out.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(out.get("events")).hasSize(2);
        JsonNode timed = out.get("events").get(0);
        assertThat(timed.get("start").get("dateTime").asString()).isEqualTo("2026-03-02T09:30:00+01:00");
        assertThat(timed.get("attendees").get(0).asString()).isEqualTo("ann@example.com");
        assertThat(timed.get("organizer").asString()).isEqualTo("gina@example.com");
        assertThat(out.get("events").get(1).get("start").get("date").asString()).isEqualTo("2026-03-03");
    }

    @Test
    void createWithAnIdempotencyKeyIsFoundAgainOnRetry() {
        WM.stubFor(post(urlPathEqualTo(EVENTS))
                .withRequestBody(matchingJsonPath("$.id", equalTo(CalendarEvents.eventId("run-1-step-2"))))
                .withRequestBody(matchingJsonPath("$.summary", equalTo("Standup")))
                .withRequestBody(matchingJsonPath("$.attendees[0].email", equalTo("ann@example.com")))
                .willReturn(json(TIMED)));
        Map<String, Object> input = Map.of(
                "summary", "Standup",
                "start", Map.of("dateTime", "2026-03-02T09:30:00+01:00", "timeZone", "Europe/Berlin"),
                "end", Map.of("dateTime", "2026-03-02T09:45:00+01:00", "timeZone", "Europe/Berlin"),
                "attendees", List.of("ann@example.com"),
                "sendUpdates", "all");
        var r = users.as(user)
                .header("Idempotency-Key", "run-1-step-2")
                .post("/api/v1/connections/" + connectionId + "/actions/google-calendar.create_event", input);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("output").get("id").asString()).isEqualTo("e1");
        WM.verify(postRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("sendUpdates", equalTo("all")));

        // The retry: Google says the id exists, so the event made the first time is the answer.
        String id = CalendarEvents.eventId("run-1-step-2");
        assertThat(id).matches("[a-v0-9]{5,1024}");
        WM.stubFor(post(urlPathEqualTo(EVENTS))
                .willReturn(error(409, "duplicate", "The requested identifier already exists.")));
        WM.stubFor(get(urlPathEqualTo(EVENTS + "/" + id)).willReturn(json(TIMED)));
        var retry = users.as(user)
                .header("Idempotency-Key", "run-1-step-2")
                .post("/api/v1/connections/" + connectionId + "/actions/google-calendar.create_event", input);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().get("output").get("summary").asString()).isEqualTo("Standup");
    }

    @Test
    void createRefusesAStartWithNeitherDateNorDateTime() {
        var r = run(
                "google-calendar.create_event",
                Map.of("summary", "x", "start", Map.of("timeZone", "UTC"), "end", Map.of("date", "2026-03-04")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("input.start");
    }

    @Test
    void updatePatchesOnlyTheGivenFields() {
        WM.stubFor(patch(urlPathEqualTo(EVENTS + "/e1"))
                .withRequestBody(equalToJson("{\"summary\":\"Standup (moved)\",\"location\":\"Room 2\"}"))
                .willReturn(json(TIMED.replace("\"Standup\"", "\"Standup (moved)\""))));
        JsonNode out = output(
                "google-calendar.update_event",
                Map.of("eventId", "e1", "summary", "Standup (moved)", "location", "Room 2"));
        assertThat(out.get("summary").asString()).isEqualTo("Standup (moved)");
    }

    @Test
    void updateOfAMissingEventIsPermanentAndNamesTheField() {
        WM.stubFor(patch(urlPathEqualTo(EVENTS + "/nope")).willReturn(error(404, "notFound", "Not Found")));
        var r = run("google-calendar.update_event", Map.of("eventId", "nope", "summary", "x"));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.json().get("detail").asString()).isEqualTo("eventId: the event was not found");
        assertThat(r.json().get("field").asString()).isEqualTo("input.eventId");
    }

    @Test
    void aBadRequestNamesTheParameterGoogleNames() {
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"code\":400,\"message\":\"Bad Request\",\"errors\":[{\"domain\":\"global\","
                                        + "\"reason\":\"badRequest\",\"message\":\"Bad Request\",\"locationType\":\"parameter\","
                                        + "\"location\":\"timeMax\"}]}}")));
        var r = run("google-calendar.list_events", Map.of("timeMax", "2026-03-02T00:00:00Z"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).startsWith("timeMax was refused");
    }

    @Test
    void deleteIsQuietWhenTheEventIsAlreadyGone() {
        WM.stubFor(delete(urlPathEqualTo(EVENTS + "/e1")).willReturn(aResponse().withStatus(204)));
        WM.stubFor(
                delete(urlPathEqualTo(EVENTS + "/e2")).willReturn(error(410, "deleted", "Resource has been deleted")));
        assertThat(output("google-calendar.delete_event", Map.of("eventId", "e1"))
                        .get("deleted")
                        .asBoolean())
                .isTrue();
        assertThat(output("google-calendar.delete_event", Map.of("eventId", "e2"))
                        .get("deleted")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void freeBusyAsksForEveryCalendar() {
        WM.stubFor(post("/calendar/v3/freeBusy")
                .withRequestBody(
                        equalToJson(
                                "{\"timeMin\":\"2026-03-02T08:00:00Z\",\"timeMax\":\"2026-03-02T18:00:00Z\","
                                        + "\"timeZone\":\"Europe/Berlin\",\"items\":[{\"id\":\"primary\"},{\"id\":\"ann@example.com\"}]}"))
                .willReturn(json("{\"kind\":\"calendar#freeBusy\",\"calendars\":{\"primary\":{\"busy\":[{\"start\":"
                        + "\"2026-03-02T09:00:00+01:00\",\"end\":\"2026-03-02T10:00:00+01:00\"}]},\"ann@example.com\":"
                        + "{\"errors\":[{\"domain\":\"global\",\"reason\":\"notFound\"}],\"busy\":[]}}}")));
        JsonNode out = output(
                "google-calendar.free_busy",
                Map.of(
                        "timeMin", "2026-03-02T08:00:00Z",
                        "timeMax", "2026-03-02T18:00:00Z",
                        "calendarIds", List.of("primary", "ann@example.com"),
                        "timeZone", "Europe/Berlin"));
        assertThat(out.get("calendars").get(0).get("busy").get(0).get("start").asString())
                .isEqualTo("2026-03-02T09:00:00+01:00");
        assertThat(out.get("calendars").get(1).get("errors").get(0).asString()).isEqualTo("notFound");
    }

    /** Find-a-time asks Google for an attendee nobody in Atom answers for, as the asker (call log). */
    @Test
    void findTimeAsksGoogleFreeBusyForAttendeesAsTheAsker() {
        WM.stubFor(post("/calendar/v3/freeBusy")
                .withRequestBody(matchingJsonPath("$.items[0].id", equalTo("bob@example.com")))
                .willReturn(json("{\"kind\":\"calendar#freeBusy\",\"calendars\":{\"bob@example.com\":{\"busy\":"
                        + "[{\"start\":\"2026-03-02T10:00:00Z\",\"end\":\"2026-03-02T11:00:00Z\"}]}}}")));
        var found = users.as(user)
                .post(
                        "/api/v1/calendar/find-time",
                        Map.of(
                                "minutes", 60,
                                "from", "2026-03-02T09:00Z",
                                "to", "2026-03-02T12:00Z",
                                "timeZone", "UTC",
                                "attendees", List.of("bob@example.com")));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("attendees").get(0).get("source").asString())
                .isEqualTo("google-calendar");
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
        assertThat(call.get("action").asString()).isEqualTo("google-calendar.free_busy");
        assertThat(call.get("user").asString()).isEqualTo(user.id());
    }

    @Test
    void triggerSyncsFullyFirstThenReportsChangesBySyncToken() {
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .withQueryParam("syncToken", absent())
                .withQueryParam("pageToken", absent())
                .willReturn(json("{\"items\":[" + TIMED + "],\"nextPageToken\":\"page2\"}")));
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .withQueryParam("pageToken", equalTo("page2"))
                .willReturn(json("{\"items\":[" + ALL_DAY + "],\"nextSyncToken\":\"sync1\"}")));
        var first = poll("google-calendar.event_changed", null);
        assertThat(first.events())
                .as("the first poll only establishes the cursor")
                .isEmpty();
        assertThat(first.cursor()).isEqualTo("sync1");

        String cancelled = "{\"id\":\"e2\",\"status\":\"cancelled\",\"updated\":\"2026-03-01T11:00:00.000Z\"}";
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .withQueryParam("syncToken", equalTo("sync1"))
                .willReturn(json("{\"items\":[" + TIMED + "," + cancelled + "],\"nextSyncToken\":\"sync2\"}")));
        var next = poll("google-calendar.event_changed", "sync1");
        assertThat(next.cursor()).isEqualTo("sync2");
        assertThat(next.events())
                .extracting(e -> e.dedupKey())
                .containsExactly("e1@2026-03-01T10:00:00.000Z", "e2@2026-03-01T11:00:00.000Z");
        assertThat(next.events().get(1).payload().get("status").asString()).isEqualTo("cancelled");
        assertThat(next.events().get(0).occurredAt()).hasToString("2026-03-01T10:00:00Z");
        WM.verify(3, getRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("showDeleted", equalTo("true")));
    }

    @Test
    void anExpiredSyncTokenMeansAFullResyncAndANewToken() {
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .withQueryParam("syncToken", equalTo("old"))
                .willReturn(error(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.")));
        WM.stubFor(get(urlPathEqualTo(EVENTS))
                .withQueryParam("syncToken", absent())
                .willReturn(json("{\"items\":[" + TIMED + "," + ALL_DAY + "],\"nextSyncToken\":\"fresh\"}")));
        var poll = poll("google-calendar.event_changed", "old");
        assertThat(poll.cursor()).isEqualTo("fresh");
        assertThat(poll.events())
                .extracting(e -> e.dedupKey())
                .containsExactly("e1@2026-03-01T10:00:00.000Z", "e2@2026-02-01T08:00:00.000Z");
        assertThat(JSON.writeValueAsString(poll.events().get(0).payload())).contains("Standup");
    }
}
