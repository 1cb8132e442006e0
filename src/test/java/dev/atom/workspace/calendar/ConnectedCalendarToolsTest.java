package dev.atom.workspace.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.google.GoogleTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.ToolBox;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolResult;
import dev.atom.tools.ToolSource;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The calendar tools writing through a connected Google calendar (the stub, every request checked against Google's
 * description): create, move and cancel run the calendar's actions as the caller, land in the connection's call
 * log under them, and the create's undo cancels the event at Google.
 */
@StubMount(property = "ATOM_GOOGLE_CALENDAR_BASE_URL", path = "/calendar/v3")
class ConnectedCalendarToolsTest extends GoogleTestBase {
    private static final String EVENTS = "/calendar/v3/calendars/primary/events";
    private static final String CREATED = "{\"id\":\"e9\",\"status\":\"confirmed\",\"summary\":\"Sync with Dana\","
            + "\"updated\":\"2026-03-01T10:00:00.000Z\","
            + "\"start\":{\"dateTime\":\"2026-03-03T10:00:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
            + "\"end\":{\"dateTime\":\"2026-03-03T10:45:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
            + "\"attendees\":[{\"email\":\"dana@example.com\"}],\"etag\":\"\\\"1\\\"\","
            + "\"htmlLink\":\"https://www.google.com/calendar/event?eid=e9\"}";

    @Autowired
    List<Tool> beans;

    @Autowired
    List<ToolSource> sources;

    @Autowired
    EventStore store;

    @Override
    protected String connectorId() {
        return "google-calendar";
    }

    @Override
    protected OpenApiContract contract() {
        return OpenApiContract.strict("google-calendar.json", "", spec -> {});
    }

    @Test
    void createMoveAndCancelWriteThroughGoogleAsTheCaller() {
        // the calendar is known from a sync: one synced event on "Work"
        store.apply(
                new SyncScope(user.workspaceId(), connectionId, "google-calendar", EventWriter.GOOGLE_FEED),
                List.of(new SyncChange.Upsert(CalendarFixtures.timed(
                        "primary/d1", "Doctor visit", "2026-03-03T08:00:00Z", "2026-03-03T09:00:00Z"))),
                Instant.now());
        ToolBox tools = new ToolBox(beans, sources);
        String create = "{\"calendar\": \"" + connectionId + ":primary\", \"title\": \"Sync with Dana\","
                + " \"start\": \"2026-03-03T10:00\", \"end\": \"2026-03-03T10:45\", \"attendees\": [\"dana@example.com\"]}";
        assertThat(tools.effectOf(user, "calendar_create_event", create)).isEqualTo(Tool.Effect.EXTERNAL_WRITE);

        WM.stubFor(post(urlPathEqualTo(EVENTS))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CREATED)));
        ToolResult.Done created = tools.done(user, "calendar_create_event", create);
        WM.verify(postRequestedFor(urlPathEqualTo(EVENTS))
                .withRequestBody(matchingJsonPath("$.summary", equalTo("Sync with Dana")))
                .withRequestBody(matchingJsonPath("$.attendees[0].email", equalTo("dana@example.com"))));
        assertThat(created.output().get("start").asString()).isEqualTo("2026-03-03T10:00+01:00");
        assertThat(created.summary()).contains("Work calendar");

        // move the synced event: a PATCH at Google, and the undo's input holds the old times
        String doctor = tools.done(user, "calendar_list", "{\"from\": \"2026-03-03\", \"to\": \"2026-03-04\"}")
                .output()
                .get("events")
                .valueStream()
                .filter(e -> e.get("title").asString().equals("Doctor visit"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
        WM.stubFor(patch(urlPathEqualTo(EVENTS + "/d1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(CREATED.replace("e9", "d1"))));
        ToolResult.Done moved = tools.done(
                user, "calendar_move_event", "{\"id\": \"" + doctor + "\", \"start\": \"2026-03-03T11:00\"}");
        WM.verify(patchRequestedFor(urlPathEqualTo(EVENTS + "/d1")));
        assertThat(moved.undo().input().get("start").asString()).isEqualTo("2026-03-03T09:00+01:00");
        assertThat(moved.output().get("end").asString()).isEqualTo("2026-03-03T12:00+01:00");

        // the create's undo cancels it at Google
        WM.stubFor(delete(urlPathEqualTo(EVENTS + "/e9")).willReturn(aResponse().withStatus(204)));
        ToolResult.Done undone = tools.undo(user, created);
        assertThat(undone.output().get("cancelled").asBoolean()).isTrue();
        WM.verify(deleteRequestedFor(urlPathEqualTo(EVENTS + "/e9")));

        JsonNode calls = users.as(user)
                .get("/api/v1/connections/" + connectionId + "/calls")
                .json()
                .get("items");
        assertThat(calls.valueStream().map(c -> c.get("action").asString()))
                .contains(
                        "google-calendar.create_event", "google-calendar.update_event", "google-calendar.delete_event");
        assertThat(calls.valueStream().map(c -> c.get("user").asString())).containsOnly(user.id());
    }
}
