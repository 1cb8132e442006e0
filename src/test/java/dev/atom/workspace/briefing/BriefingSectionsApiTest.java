package dev.atom.workspace.briefing;

import static dev.atom.workspace.briefing.BriefingFixtures.event;
import static dev.atom.workspace.briefing.BriefingFixtures.issue;
import static dev.atom.workspace.briefing.BriefingFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The briefing's sections from real synced data and Atom's own: the day's meetings across synced calendars and
 * the local one (conflicts, gaps), tasks due from Atom and from connected apps, important unread mail. A
 * colleague's private calendar, mail and work items never show (nor count as conflicts), shared ones do.
 */
class BriefingSectionsApiTest extends AppTestBase {
    private static final String DAY = "?date=2030-01-15&timeZone=Europe/Berlin";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<SyncStore> stores;

    private BriefingFixtures data;
    private TestUsers users;
    private TestUsers.User olga;
    private TestUsers.User mario;

    @BeforeEach
    void setUp() {
        data = new BriefingFixtures(jdbc, stores);
        users = new TestUsers(this::http);
        olga = users.signUp("olga");
        mario = users.invite("mario", olga, "member");
    }

    private JsonNode briefing(TestUsers.User who, String query) {
        var r = users.as(who).get("/api/v1/briefing" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> values(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get(field).asString()));
        return out;
    }

    private void calendars() {
        String ws = olga.workspaceId();
        String olgas = data.connection(ws, olga.id(), "google-calendar", "Olga's Google", "private");
        data.sync(
                ws,
                olgas,
                "google-calendar",
                "events",
                event("s1", "Work", "Standup", "2030-01-15T08:30:00Z", "2030-01-15T09:00:00Z", true),
                event("s2", "Work", "Design review", "2030-01-15T09:00:00Z", "2030-01-15T10:00:00Z", true),
                event("s3", "Work", "Focus time", "2030-01-15T13:00:00Z", "2030-01-15T15:00:00Z", false),
                event("s4", "Work", "Tomorrow's thing", "2030-01-16T09:00:00Z", "2030-01-16T10:00:00Z", true));
        String team = data.connection(ws, mario.id(), "google-calendar", "Team calendar", "shared");
        data.sync(
                ws,
                team,
                "google-calendar",
                "events",
                event("t1", "Team", "All hands", "2030-01-15T09:30:00Z", "2030-01-15T10:30:00Z", true));
        String marios = data.connection(ws, mario.id(), "google-calendar", "Mario's Google", "private");
        data.sync(
                ws,
                marios,
                "google-calendar",
                "events",
                event("m1", "Private", "Dentist", "2030-01-15T08:45:00Z", "2030-01-15T09:15:00Z", true));
        var local = users.as(olga)
                .post(
                        "/api/v1/calendar/events",
                        Map.of(
                                "calendar",
                                "local",
                                "title",
                                "Lunch with Ada",
                                "start",
                                "2030-01-15T12:30",
                                "end",
                                "2030-01-15T13:30",
                                "timeZone",
                                "Europe/Berlin"));
        assertThat(local.status()).as(local.toString()).isEqualTo(201);
    }

    @Test
    void meetingsComeFromEveryCalendarThePersonSeesWithConflictsAndGaps() {
        calendars();
        JsonNode b = briefing(olga, DAY);
        JsonNode meetings = b.get("meetings");
        assertThat(values(meetings, "title"))
                .containsExactly("Standup", "Design review", "All hands", "Lunch with Ada", "Focus time");
        assertThat(values(meetings, "conflict")).containsExactly("false", "true", "true", "false", "false");
        JsonNode standup = meetings.get(0);
        assertThat(standup.get("start").asString()).isEqualTo("2030-01-15T08:30:00Z");
        assertThat(standup.get("calendar").asString()).isEqualTo("Work");
        assertThat(standup.get("busy").asBoolean()).isTrue();
        assertThat(standup.get("link").asString())
                .isEqualTo("/calendar?view=day&date=2030-01-15&event="
                        + standup.get("id").asString());
        assertThat(meetings.get(4).get("busy").asBoolean()).isFalse();
        assertThat(meetings.get(3).get("calendar").asString())
                .as("Atom's own calendar")
                .isNotBlank();
        // 09:00-09:30 and 11:30-12:30 Berlin are free; focus time is marked free, so 13:30-18:00 is too
        assertThat(values(b.get("gaps"), "start"))
                .containsExactly("2030-01-15T08:00:00Z", "2030-01-15T10:30:00Z", "2030-01-15T12:30:00Z");
        assertThat(values(b.get("gaps"), "minutes")).containsExactly("30", "60", "270");
        assertThat(b.at("/sections/meetings/available").asBoolean()).isTrue();
        assertThat(b.at("/summary/text").asString()).isEqualTo("5 meetings, first at 09:30 (2 conflicts).");

        // Mario sees the shared calendar and his own private one, never Olga's
        JsonNode marios = briefing(mario, DAY).get("meetings");
        assertThat(values(marios, "title")).containsExactly("Dentist", "All hands");
        assertThat(values(marios, "conflict")).containsExactly("false", "false");
    }

    @Test
    void tasksDueComeFromAtomAndFromConnectedAppsAssignedToThePerson() {
        String ws = olga.workspaceId();
        String jira = data.connection(ws, olga.id(), "jira", "Acme Jira", "private");
        LocalDate day = LocalDate.parse("2030-01-15");
        data.sync(
                ws,
                jira,
                "jira",
                "issues",
                issue("ACME-1", "Fix the login", day.minusDays(1), false, true),
                issue("ACME-2", "Write release notes", day, false, true),
                issue("ACME-3", "Next week's work", day.plusDays(5), false, true),
                issue("ACME-4", "Already done", day, true, true),
                issue("ACME-5", "Someone else's", day, false, false));
        String sharedJira = data.connection(ws, mario.id(), "jira", "Mario's Jira", "shared");
        data.sync(ws, sharedJira, "jira", "issues", issue("ACME-9", "Mario's issue", day, false, true));
        var task = users.as(olga)
                .post(
                        "/api/v1/tasks",
                        Map.of("title", "Call the bank", "dueAt", "2030-01-15T11:00", "timeZone", "Europe/Berlin"));
        assertThat(task.status()).as(task.toString()).isEqualTo(201);

        JsonNode b = briefing(olga, DAY);
        JsonNode tasks = b.get("tasks");
        assertThat(values(tasks, "title")).containsExactly("Fix the login", "Write release notes", "Call the bank");
        assertThat(values(tasks, "source")).containsExactly("jira", "jira", "atom");
        assertThat(values(tasks, "overdue")).containsExactly("true", "false", "false");
        assertThat(values(tasks, "allDay")).containsExactly("true", "true", "false");
        assertThat(tasks.get(0).get("due").asString()).isEqualTo("2030-01-13T23:00:00Z");
        assertThat(tasks.get(0).get("link").asString()).isEqualTo("https://acme.atlassian.net/browse/ACME-1");
        assertThat(b.at("/summary/text").asString()).isEqualTo("No meetings; 1 task overdue; 2 tasks due today.");

        // the next day the release notes are overdue too; Mario's items are his alone (his connection, his account)
        assertThat(values(
                        briefing(olga, "?date=2030-01-16&timeZone=Europe/Berlin")
                                .get("tasks"),
                        "overdue"))
                .containsExactly("true", "true", "true");
        assertThat(values(briefing(mario, DAY).get("tasks"), "title")).containsExactly("Mario's issue");
    }

    @Test
    void importantUnreadMessagesAreThePersonsOwnAndSharedOnes() {
        String ws = olga.workspaceId();
        assertThat(briefing(olga, DAY).at("/sections/messages/available").asBoolean())
                .as("no mail connected yet")
                .isFalse();
        String gmail = data.connection(ws, olga.id(), "gmail", "Olga's Gmail", "private");
        data.sync(
                ws,
                gmail,
                "gmail",
                "messages",
                mail("g1", "ada@example.com", "Ada Lovelace", "Contract signed?", "2030-01-15T07:10:00Z", true),
                mail("g2", "news@example.com", null, "Weekly digest", "2030-01-15T07:20:00Z", false),
                mail("g3", "bob@example.com", null, "Offsite venue", "2030-01-14T16:00:00Z", true));
        String marios = data.connection(ws, mario.id(), "gmail", "Mario's Gmail", "private");
        data.sync(
                ws,
                marios,
                "gmail",
                "messages",
                mail("p1", "doctor@example.com", null, "Your results", "2030-01-15T07:30:00Z", true));

        JsonNode b = briefing(olga, DAY);
        assertThat(b.at("/sections/messages/available").asBoolean()).isTrue();
        JsonNode messages = b.get("messages");
        assertThat(values(messages, "subject")).containsExactly("Contract signed?", "Offsite venue");
        JsonNode first = messages.get(0);
        assertThat(first.get("from").asString()).isEqualTo("Ada Lovelace");
        assertThat(first.get("source").asString()).isEqualTo("gmail");
        assertThat(first.get("why").get(0).asString()).isEqualTo("direct");
        assertThat(first.get("link").asString())
                .isEqualTo("/inbox?open=" + first.get("id").asString());
        assertThat(b.at("/summary/text").asString()).isEqualTo("No meetings; 2 important unread messages.");

        assertThat(values(briefing(mario, DAY).get("messages"), "subject")).containsExactly("Your results");
        TestHttp stranger = users.as(users.signUp("stranger"));
        assertThat(stranger.get("/api/v1/briefing" + DAY).json().get("messages"))
                .isEmpty();
    }
}
