package dev.atom.workspace.calendar;

import static dev.atom.workspace.calendar.CalendarFixtures.connection;
import static dev.atom.workspace.calendar.CalendarFixtures.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.shared.Ids;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.testing.ToolBox;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolResult;
import dev.atom.tools.ToolSource;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The calendar tools and {@code briefing} through the tool SPI in the running app: local events are the caller's
 * own (run at once, each undone), events of a connected calendar are external writes previewed with the calendar,
 * times and attendees, and a colleague's tools never show a member's private calendar.
 */
class CalendarToolsTest extends AppTestBase {
    private static final String DAY = "{\"from\": \"2026-03-02\", \"to\": \"2026-03-04\"}";

    @Autowired
    List<Tool> beans;

    @Autowired
    List<ToolSource> sources;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore store;

    ToolBox tools;
    TestUsers users;
    TestUsers.User ann;
    TestUsers.User bob;

    @BeforeEach
    void setUp() {
        tools = new ToolBox(beans, sources);
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
        bob = users.invite("bob", ann, "member");
    }

    /** A private Google calendar "Work" of {@code owner} with one synced event; its connection id. */
    private String workCalendar(TestUsers.User owner, String visibility) {
        String conn = connection(jdbc, owner.workspaceId(), Ids.newId(), owner.id(), "google-calendar", visibility);
        store.apply(
                new SyncScope(owner.workspaceId(), conn, "google-calendar", "google-calendar.events"),
                List.of(new SyncChange.Upsert(
                        timed("d1", "Doctor visit", "2026-03-03T08:00:00Z", "2026-03-03T09:00:00Z"))),
                Instant.now());
        return conn;
    }

    private JsonNode events(TestUsers.User u) {
        return tools.done(u, "calendar_list", DAY).output().get("events");
    }

    private List<String> titles(TestUsers.User u) {
        return events(u).valueStream().map(e -> e.get("title").asString()).toList();
    }

    private String idOf(TestUsers.User u, String title) {
        return events(u)
                .valueStream()
                .filter(e -> e.get("title").asString().equals(title))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
    }

    @Test
    void localEventsAreCreatedMovedAndCancelledAndEachIsUndone() {
        String create = "{\"title\": \"Focus\", \"start\": \"2026-03-02T09:00\", \"end\": \"2026-03-02T11:00\","
                + " \"attendees\": [\"dana@example.com\"]}";
        assertThat(tools.effectOf(ann, "calendar_create_event", create)).isEqualTo(Tool.Effect.OWN_WRITE);
        ToolResult.Done created = tools.done(ann, "calendar_create_event", create);
        String id = created.output().get("id").asString();
        assertThat(created.output().get("start").asString()).isEqualTo("2026-03-02T09:00+01:00");
        assertThat(titles(ann)).containsExactly("Focus");

        String move = "{\"id\": \"" + id + "\", \"start\": \"2026-03-02T13:00\"}";
        assertThat(tools.effectOf(ann, "calendar_move_event", move)).isEqualTo(Tool.Effect.OWN_WRITE);
        ToolResult.Done moved = tools.done(ann, "calendar_move_event", move);
        assertThat(moved.output().get("start").asString()).isEqualTo("2026-03-02T13:00+01:00");
        assertThat(moved.output().get("end").asString()).as("keeps its length").isEqualTo("2026-03-02T15:00+01:00");
        ToolResult.Done back = tools.undo(ann, moved);
        assertThat(back.output().get("start").asString()).isEqualTo("2026-03-02T09:00+01:00");
        assertThat(back.output().get("end").asString()).isEqualTo("2026-03-02T11:00+01:00");

        ToolResult.Done cancelled = tools.done(ann, "calendar_cancel_event", "{\"id\": \"" + id + "\"}");
        assertThat(titles(ann)).isEmpty();
        ToolResult.Done again = tools.undo(ann, cancelled);
        assertThat(again.output().get("start").asString()).isEqualTo("2026-03-02T09:00+01:00");
        assertThat(again.output().get("attendees").get(0).asString()).isEqualTo("dana@example.com");
        assertThat(titles(ann)).containsExactly("Focus");

        // undoing a create cancels the event
        ToolResult.Done holiday = tools.done(
                ann,
                "calendar_create_event",
                "{\"title\": \"Holiday\", \"start\": \"2026-03-03\", \"end\": \"2026-03-04\"}");
        assertThat(titles(ann)).containsExactly("Focus", "Holiday");
        tools.undo(ann, holiday);
        assertThat(titles(ann)).containsExactly("Focus");
    }

    @Test
    void findTimeAvoidsTheCallersBusyTimes() {
        tools.done(
                ann,
                "calendar_create_event",
                "{\"title\": \"Standup\", \"start\": \"2026-03-02T09:00\", \"end\": \"2026-03-02T12:00\"}");
        JsonNode slots = tools.done(
                        ann,
                        "calendar_find_time",
                        "{\"minutes\": 60, \"from\": \"2026-03-02T09:00\", \"to\": \"2026-03-02T14:00\"}")
                .output()
                .get("slots");
        assertThat(slots).isNotEmpty();
        assertThat(slots.get(0).get("start").asString()).isEqualTo("2026-03-02T12:00+01:00");
        tools.failed(ann, "calendar_find_time", "{\"minutes\": 60, \"from\": \"whenever\"}", "from");
    }

    @Test
    void writesToAConnectedCalendarAreExternalAndPreviewedWithCalendarTimesAndAttendees() {
        String conn = workCalendar(ann, "private");
        String create = "{\"calendar\": \"" + conn + ":primary\", \"title\": \"Sync with Dana\","
                + " \"start\": \"2026-03-03T10:00\", \"end\": \"2026-03-03T10:45\", \"attendees\": [\"dana@example.com\"]}";
        assertThat(tools.effectOf(ann, "calendar_create_event", create)).isEqualTo(Tool.Effect.EXTERNAL_WRITE);
        assertThat(tools.preview(ann, "calendar_create_event", create))
                .isEqualTo("creates an event “Sync with Dana” on Work calendar (google-calendar connection"
                        + " “google-calendar of " + ann.id() + "”), Tue 3 Mar 10:00-10:45, invites dana@example.com");

        String doctor = idOf(ann, "Doctor visit");
        String move = "{\"id\": \"" + doctor + "\", \"start\": \"2026-03-03T11:00\"}";
        assertThat(tools.effectOf(ann, "calendar_move_event", move)).isEqualTo(Tool.Effect.EXTERNAL_WRITE);
        assertThat(tools.preview(ann, "calendar_move_event", move))
                .contains("moves “Doctor visit” on Work calendar")
                .contains("from Tue 3 Mar 09:00-10:00 to Tue 3 Mar 11:00-12:00")
                .contains("tells ann@example.com");
        String cancel = "{\"id\": \"" + doctor + "\"}";
        assertThat(tools.effectOf(ann, "calendar_cancel_event", cancel)).isEqualTo(Tool.Effect.EXTERNAL_WRITE);
        assertThat(tools.preview(ann, "calendar_cancel_event", cancel)).endsWith("cannot be undone");
    }

    @Test
    void aColleaguesToolsNeverShowAPrivateCalendarOrLocalEvents() {
        String conn = workCalendar(ann, "private");
        String focus = tools.done(
                        ann,
                        "calendar_create_event",
                        "{\"title\": \"Ann's focus\", \"start\": \"2026-03-02T09:00\", \"end\": \"2026-03-02T10:00\"}")
                .output()
                .get("id")
                .asString();
        String doctor = idOf(ann, "Doctor visit");
        assertThat(titles(ann)).containsExactly("Ann's focus", "Doctor visit");

        assertThat(titles(bob)).isEmpty();
        JsonNode bobsCalendars = tools.done(bob, "calendar_list", DAY).output().get("calendars");
        assertThat(bobsCalendars.toString()).doesNotContain(conn);
        for (String id : List.of(focus, doctor)) {
            tools.failed(bob, "calendar_move_event", "{\"id\": \"" + id + "\", \"start\": \"2026-03-05T09:00\"}", null);
            tools.failed(bob, "calendar_cancel_event", "{\"id\": \"" + id + "\"}", null);
            String preview = tools.preview(bob, "calendar_cancel_event", "{\"id\": \"" + id + "\"}");
            assertThat(preview).isEqualTo("calendar_cancel_event").doesNotContain("Doctor");
            assertThat(tools.effectOf(bob, "calendar_cancel_event", "{\"id\": \"" + id + "\"}"))
                    .as("an id the caller cannot see gets the stricter effect")
                    .isEqualTo(Tool.Effect.EXTERNAL_WRITE);
        }
        tools.failed(
                bob,
                "calendar_create_event",
                "{\"calendar\": \"" + conn + ":primary\", \"title\": \"x\", \"start\": \"2026-03-03T10:00\","
                        + " \"end\": \"2026-03-03T11:00\"}",
                "calendar");
        // the briefing: Ann's day has both, Bob's has neither
        JsonNode annsDay =
                tools.done(ann, "briefing", "{\"date\": \"2026-03-03\"}").output();
        assertThat(annsDay.get("meetings").toString()).contains("Doctor visit");
        assertThat(annsDay.get("summary").asString()).isNotBlank();
        JsonNode bobsDay =
                tools.done(bob, "briefing", "{\"date\": \"2026-03-03\"}").output();
        assertThat(bobsDay.toString()).doesNotContain("Doctor").doesNotContain("focus");
        tools.failed(bob, "briefing", "{\"date\": \"tomorrow\"}", "date");
        // and the connector tools: Ann's private calendar connection gives Bob no tools
        assertThat(tools.available(dev.atom.testing.ToolBox.context(ann)))
                .extracting(Tool::name)
                .contains("google_calendar_create_event");
        assertThat(tools.available(dev.atom.testing.ToolBox.context(bob)))
                .extracting(Tool::name)
                .noneMatch(n -> n.startsWith("google_calendar_"));
    }
}
