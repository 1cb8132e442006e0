package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Listing tasks over HTTP: filters, sorting and cursor pagination. */
class TaskListApiTest extends AppTestBase {
    private TestHttp api;

    @BeforeEach
    void signUp() {
        TestUsers users = new TestUsers(this::http);
        api = users.as(users.signUp("lister"));
    }

    private void create(String title, String status, String priority, String due, String notes, String... tags) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("status", status);
        body.put("priority", priority);
        body.put("tags", List.of(tags));
        if (due != null) {
            body.put("dueAt", due);
        }
        if (notes != null) {
            body.put("notes", notes);
        }
        var response = api.post("/api/v1/tasks", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private List<String> titles(String query) {
        var response = api.get("/api/v1/tasks" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json()
                .get("items")
                .valueStream()
                .map(t -> t.get("title").asString())
                .toList();
    }

    @Test
    void filtersSortsAndPaginates() {
        create("Buy milk", "todo", "low", "2026-11-20T10:00:00+01:00", null, "home");
        create("Fix login bug", "doing", "urgent", "2026-11-22T10:00:00Z", "Users see a 500", "work", "bugs");
        create("Ship release", "done", "medium", null, null, "work");
        create("Plan holiday", "todo", "none", null, "Look at MILK-free recipes");

        assertThat(titles("")).containsExactly("Plan holiday", "Ship release", "Fix login bug", "Buy milk");
        assertThat(titles("?status=todo,doing")).containsExactlyInAnyOrder("Plan holiday", "Fix login bug", "Buy milk");
        assertThat(titles("?status=todo&status=done"))
                .containsExactlyInAnyOrder("Plan holiday", "Ship release", "Buy milk");
        assertThat(titles("?tag=work")).containsExactlyInAnyOrder("Ship release", "Fix login bug");
        String before = URLEncoder.encode("2026-11-21T00:00:00+01:00", StandardCharsets.UTF_8);
        assertThat(titles("?dueBefore=" + before)).containsExactly("Buy milk");
        // an unencoded '+' arrives as a space and is still understood
        assertThat(titles("?dueBefore=2026-11-21T00:00:00+01:00")).containsExactly("Buy milk");
        assertThat(titles("?q=milk")).containsExactlyInAnyOrder("Buy milk", "Plan holiday");
        assertThat(titles("?q=500")).containsExactly("Fix login bug");
        assertThat(titles("?q=milk&status=todo&tag=home")).containsExactly("Buy milk");

        assertThat(titles("?sort=title")).containsExactly("Buy milk", "Fix login bug", "Plan holiday", "Ship release");
        assertThat(titles("?sort=-priority"))
                .containsExactly("Fix login bug", "Ship release", "Buy milk", "Plan holiday");
        assertThat(titles("?sort=due")).containsExactly("Buy milk", "Fix login bug", "Ship release", "Plan holiday");
        assertThat(titles("?sort=-due")).containsExactly("Fix login bug", "Buy milk", "Plan holiday", "Ship release");
        assertThat(titles("?sort=created"))
                .containsExactly("Buy milk", "Fix login bug", "Ship release", "Plan holiday");
        assertThat(titles("?sort=-updated"))
                .containsExactly("Plan holiday", "Ship release", "Fix login bug", "Buy milk");
    }

    @Test
    void cursorsWalkEveryTaskOnceAndEndWithoutACursor() {
        for (int i = 0; i < 7; i++) {
            create("Task " + i, "todo", i % 2 == 0 ? "high" : "low", null, null);
        }
        for (String sort : List.of("-created", "priority", "title")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                String query = "?limit=3&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor);
                JsonNode page = api.get("/api/v1/tasks" + query).json();
                page.get("items").forEach(t -> seen.add(t.get("title").asString()));
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asString();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(7).doesNotHaveDuplicates();
            assertThat(seen).containsExactlyElementsOf(titles("?limit=100&sort=" + sort));
        }
        // a cursor belongs to its sort
        String cursor = api.get("/api/v1/tasks?limit=3&sort=title")
                .json()
                .get("nextCursor")
                .asString();
        assertThat(api.get("/api/v1/tasks?limit=3&sort=-title&cursor=" + cursor).status())
                .isEqualTo(400);
    }
}
