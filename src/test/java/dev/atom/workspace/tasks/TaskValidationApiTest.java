package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad task requests get one problem+json answer that names every bad field. */
class TaskValidationApiTest extends AppTestBase {
    private TestHttp api;

    @BeforeEach
    void signUp() {
        TestUsers users = new TestUsers(this::http);
        api = users.as(users.signUp("val"));
    }

    private static Map<String, String> errors(TestHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(400);
        Map<String, String> errors = new HashMap<>();
        body.get("errors")
                .forEach(e ->
                        errors.put(e.get("field").asString(), e.get("message").asString()));
        return errors;
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        List<String> tooMany =
                new ArrayList<>(IntStream.range(0, 21).mapToObj(i -> "t" + i).toList());
        Map<String, Object> body = new HashMap<>();
        body.put("title", "x".repeat(501));
        body.put("notes", "n".repeat(20_001));
        body.put("status", "later");
        body.put("priority", "asap");
        body.put("dueAt", "tomorrow");
        body.put("timeZone", "Mars/Olympus_Mons");
        body.put("tags", tooMany);
        body.put("assigneeId", "0190f0f0-0000-7000-8000-000000000000");
        body.put("project", "p".repeat(201));
        body.put("colour", "red");
        body.put("createdAt", "2020-01-01T00:00:00Z");
        Map<String, String> errors = errors(api.post("/api/v1/tasks", body));
        assertThat(errors)
                .containsOnlyKeys(
                        "title",
                        "notes",
                        "status",
                        "priority",
                        "dueAt",
                        "timeZone",
                        "tags",
                        "assigneeId",
                        "project",
                        "colour",
                        "createdAt");
        assertThat(errors.get("colour")).isEqualTo("is not a known field");
        assertThat(errors.get("createdAt")).isEqualTo("is read-only");
        assertThat(api.get("/api/v1/tasks").json().get("items").size()).isZero();
    }

    @Test
    void titleIsRequiredOnCreateAndCannotBeCleared() {
        assertThat(errors(api.post("/api/v1/tasks", Map.of("notes", "no title"))))
                .containsOnlyKeys("title");
        assertThat(errors(api.post("/api/v1/tasks", Map.of("title", "   ")))).containsOnlyKeys("title");
        String id = api.post("/api/v1/tasks", Map.of("title", "Keep me"))
                .json()
                .get("id")
                .asString();
        Map<String, Object> clear = new HashMap<>();
        clear.put("title", null);
        clear.put("status", null);
        assertThat(errors(api.patch("/api/v1/tasks/" + id, clear))).containsOnlyKeys("title", "status");
        assertThat(api.post("/api/v1/tasks", Map.of("title", "x".repeat(500))).status())
                .isEqualTo(201);
    }

    @Test
    void checksTypesAndEachTag() {
        Map<String, String> errors = errors(api.post(
                "/api/v1/tasks",
                Map.of("title", 42, "tags", List.of("ok", "", 7, "y".repeat(51)), "priority", 3, "dueAt", 5)));
        assertThat(errors).containsOnlyKeys("title", "tags[1]", "tags[2]", "tags[3]", "priority", "dueAt");
        assertThat(errors(api.post("/api/v1/tasks", Map.of("title", "t", "tags", "work"))))
                .containsOnlyKeys("tags");
        // 20 tags after trimming and de-duplication are fine
        List<String> twenty =
                new ArrayList<>(IntStream.range(0, 20).mapToObj(i -> "t" + i).toList());
        twenty.add(" t0 ");
        var created = api.post("/api/v1/tasks", Map.of("title", "Many tags", "tags", twenty));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("tags").size()).isEqualTo(20);
    }

    @Test
    void malformedBodiesAre400NotServerErrors() {
        assertThat(api.post("/api/v1/tasks", "{\"title\": ").status()).isEqualTo(400);
        assertThat(errors(api.post("/api/v1/tasks", "[1, 2]"))).containsOnlyKeys("body");
        assertThat(errors(api.post("/api/v1/tasks", "\"just text\""))).containsOnlyKeys("body");
        var empty = api.send("POST", "/api/v1/tasks", null);
        assertThat(empty.status()).isIn(400, 415);
    }

    @Test
    void listParametersAreChecked() {
        Map<String, String> errors = errors(
                api.get("/api/v1/tasks?status=todo,someday&dueBefore=friday&sort=-colour&limit=101&cursor=bm9wZQ"));
        assertThat(errors).containsOnlyKeys("status", "dueBefore", "sort", "limit", "cursor");
        assertThat(errors(api.get("/api/v1/tasks?limit=0"))).containsOnlyKeys("limit");
        assertThat(errors(api.get("/api/v1/tasks?limit=ten"))).containsOnlyKeys("limit");
        assertThat(api.get("/api/v1/tasks?limit=100").status()).isEqualTo(200);
    }
}
