package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The tasks API over real HTTP: create, read, partial update, delete, due dates, assignees, isolation. */
class TaskApiTest extends AppTestBase {
    private TestUsers users;
    private TestUsers.User ann;
    private TestHttp api;

    @BeforeEach
    void signUp() {
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
        api = users.as(ann);
    }

    private JsonNode create(Map<String, Object> body) {
        var response = api.post("/api/v1/tasks", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>(); // allows null values, which mean "clear"
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void createsReadsUpdatesAndDeletesATask() {
        var created = api.post(
                "/api/v1/tasks",
                map(
                        "title", "  Write the report ",
                        "notes", "For the board",
                        "priority", "high",
                        "dueAt", "2026-11-25T15:00:00+01:00",
                        "timeZone", "Europe/Berlin",
                        "tags", List.of(" work ", "q4", "work"),
                        "assigneeId", ann.id(),
                        "project", "Board"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode task = created.json();
        String id = task.get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/tasks/" + id);
        assertThat(task.get("title").asString()).isEqualTo("Write the report");
        assertThat(task.get("status").asString()).isEqualTo("todo");
        assertThat(task.get("priority").asString()).isEqualTo("high");
        assertThat(task.get("dueAt").asString()).isEqualTo("2026-11-25T15:00:00+01:00");
        assertThat(task.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(task.get("tags").valueStream().map(JsonNode::asString)).containsExactly("work", "q4");
        assertThat(task.get("assigneeId").asString()).isEqualTo(ann.id());
        assertThat(task.get("createdBy").asString()).isEqualTo(ann.id());
        assertThat(task.get("completedAt").isNull()).isTrue();
        assertThat(task.get("createdAt").asString())
                .isEqualTo(task.get("updatedAt").asString());
        assertThat(api.get("/api/v1/tasks/" + id).json()).isEqualTo(task);

        // absent fields stay, explicit nulls clear
        var patched = api.patch("/api/v1/tasks/" + id, map("title", "Write the final report", "notes", null));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode p = patched.json();
        assertThat(p.get("title").asString()).isEqualTo("Write the final report");
        assertThat(p.get("notes").isNull()).isTrue();
        assertThat(p.get("priority").asString()).isEqualTo("high");
        assertThat(p.get("dueAt").asString()).isEqualTo("2026-11-25T15:00:00+01:00");
        assertThat(p.get("tags").size()).isEqualTo(2);
        assertThat(p.get("project").asString()).isEqualTo("Board");
        assertThat(p.get("updatedAt").asString())
                .isGreaterThan(task.get("updatedAt").asString());

        var cleared = api.patch(
                        "/api/v1/tasks/" + id,
                        map("dueAt", null, "tags", List.of(), "assigneeId", null, "project", null))
                .json();
        assertThat(cleared.get("dueAt").isNull()).isTrue();
        assertThat(cleared.get("timeZone").isNull()).isTrue();
        assertThat(cleared.get("tags").size()).isZero();
        assertThat(cleared.get("assigneeId").isNull()).isTrue();
        assertThat(cleared.get("project").isNull()).isTrue();
        assertThat(api.get("/api/v1/tasks/" + id).json()).isEqualTo(cleared);

        assertThat(api.delete("/api/v1/tasks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tasks/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/tasks/" + id).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/tasks/" + id, map("title", "x")).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tasks/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void completedAtFollowsTheDoneStatus() {
        String id = create(map("title", "Ship it", "status", "doing")).get("id").asString();
        JsonNode done = api.patch("/api/v1/tasks/" + id, map("status", "done")).json();
        assertThat(done.get("completedAt").isNull()).isFalse();
        JsonNode again =
                api.patch("/api/v1/tasks/" + id, map("title", "Shipped it")).json();
        assertThat(again.get("completedAt").asString())
                .isEqualTo(done.get("completedAt").asString());
        JsonNode reopened =
                api.patch("/api/v1/tasks/" + id, map("status", "todo")).json();
        assertThat(reopened.get("completedAt").isNull()).isTrue();
        assertThat(create(map("title", "Already done", "status", "done"))
                        .get("completedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void dueDatesKeepTheirTimeZone() {
        String id = create(map("title", "Call", "dueAt", "2026-11-25T15:00:00+01:00", "timeZone", "Europe/Berlin"))
                .get("id")
                .asString();
        // the same instant, shown in another zone
        JsonNode moved = api.patch("/api/v1/tasks/" + id, map("timeZone", "America/New_York"))
                .json();
        assertThat(moved.get("dueAt").asString()).isEqualTo("2026-11-25T09:00:00-05:00");
        // a local date-time is placed in the task's zone
        JsonNode local = api.patch("/api/v1/tasks/" + id, map("dueAt", "2026-07-01T09:30"))
                .json();
        assertThat(local.get("dueAt").asString()).isEqualTo("2026-07-01T09:30:00-04:00");
        // an offset without a zone keeps that offset
        JsonNode offset = create(map("title", "Offset", "dueAt", "2026-11-25T15:00:00+05:30"));
        assertThat(offset.get("timeZone").asString()).isEqualTo("+05:30");
        assertThat(offset.get("dueAt").asString()).isEqualTo("2026-11-25T15:00:00+05:30");
        JsonNode utc = create(map("title", "UTC", "dueAt", "2026-11-25T15:00:00Z"));
        assertThat(utc.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(utc.get("dueAt").asString()).isEqualTo("2026-11-25T15:00:00Z");
        var noZone = api.post("/api/v1/tasks", map("title", "No zone", "dueAt", "2026-11-25T15:00"));
        assertThat(noZone.status()).isEqualTo(400);
        assertThat(noZone.json().get("errors").get(0).get("field").asString()).isEqualTo("dueAt");
    }

    @Test
    void assigneesMustBeMembersOfTheWorkspace() {
        TestUsers.User bob = users.invite("bob", ann, "member");
        TestUsers.User stranger = users.signUp("stranger");
        JsonNode task = create(map("title", "Review", "assigneeId", bob.id()));
        assertThat(task.get("assigneeId").asString()).isEqualTo(bob.id());

        var foreign = api.patch("/api/v1/tasks/" + task.get("id").asString(), map("assigneeId", stranger.id()));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("errors").get(0).get("field").asString()).isEqualTo("assigneeId");
        assertThat(api.post("/api/v1/tasks", map("title", "x", "assigneeId", "nobody"))
                        .status())
                .isEqualTo(400);

        // bob, a member, sees and filters the workspace's tasks
        var bobs = users.as(bob).get("/api/v1/tasks?assignee=" + bob.id());
        assertThat(bobs.json()
                        .get("items")
                        .valueStream()
                        .map(t -> t.get("title").asString()))
                .containsExactly("Review");
    }

    @Test
    void anotherWorkspaceSeesNothingAndChangesNothing() {
        String id = create(map("title", "Private", "tags", List.of("secret")))
                .get("id")
                .asString();
        TestHttp eve = users.as(users.signUp("eve"));
        assertThat(eve.get("/api/v1/tasks/" + id).status()).isEqualTo(404);
        assertThat(eve.patch("/api/v1/tasks/" + id, map("title", "Mine now")).status())
                .isEqualTo(404);
        assertThat(eve.patch("/api/v1/tasks/" + id, map("title", "")).status()).isEqualTo(404);
        assertThat(eve.delete("/api/v1/tasks/" + id).status()).isEqualTo(404);
        assertThat(eve.get("/api/v1/tasks").json().get("items").size()).isZero();
        assertThat(eve.get("/api/v1/tasks?tag=secret").json().get("items").size())
                .isZero();
        assertThat(api.get("/api/v1/tasks/" + id).json().get("title").asString())
                .isEqualTo("Private");
    }

    @Test
    void needsAuthentication() {
        assertThat(http().get("/api/v1/tasks").status()).isEqualTo(401);
        assertThat(http().post("/api/v1/tasks", map("title", "x")).status()).isEqualTo(401);
    }
}
