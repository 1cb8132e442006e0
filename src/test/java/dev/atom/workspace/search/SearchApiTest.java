package dev.atom.workspace.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/search} over real HTTP with tasks made through the tasks API: words, typos, phrases, type:
 * filters, marked and escaped snippets, paging, changes and deletions followed, and bad input as 400s naming
 * the field.
 */
class SearchApiTest extends AppTestBase {
    private TestHttp api;

    @BeforeEach
    void signUp() {
        api = new TestUsers(this::http).as(new TestUsers(this::http).signUp("sam"));
    }

    static String url(String q, String more) {
        return "/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more;
    }

    /** Searches until {@code done} holds (the index follows changes within moments, off the request thread). */
    static JsonNode awaitSearch(TestHttp api, String path, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            var response = api.get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            last = response.json();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("search never answered as expected: " + last);
    }

    static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("hits").forEach(h -> titles.add(h.get("title").asString()));
        return titles;
    }

    private String task(String title, String notes) {
        var response = api.post("/api/v1/tasks", Map.of("title", title, "notes", notes));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    @Test
    void findsTasksByWordTypoAndPhraseWithMarkedEscapedSnippets() {
        String id = task("Prepare the quarterly budget", "Numbers for the <b>board</b> & finance");
        task("Book flights to Lisbon", "Window seat");

        // both tasks in, vectors too: the asserts below read the whole index at once
        awaitSearch(
                api,
                url("type:task", ""),
                p -> p.get("hits").size() == 2 && !p.get("indexing").asBoolean());
        JsonNode page = awaitSearch(api, url("board", ""), p -> p.get("hits").size() == 1);
        JsonNode hit = page.get("hits").get(0);
        assertThat(hit.get("type").asString()).isEqualTo("task");
        assertThat(hit.get("id").asString()).isEqualTo(id);
        assertThat(hit.get("title").asString()).isEqualTo("Prepare the quarterly budget");
        assertThat(hit.get("source").asString()).isEqualTo("Atom tasks");
        assertThat(hit.get("link").asString()).isEqualTo("/tasks#task-" + id);
        assertThat(hit.get("time").asString()).endsWith("Z");
        assertThat(hit.get("snippet").asString())
                .isEqualTo("Numbers for the &lt;b&gt;<mark>board</mark>&lt;&#x2F;b&gt; &amp; finance")
                .doesNotContain("<b>");
        assertThat(page.has("nextCursor")).as("none after the last page").isFalse();

        assertThat(titles(api.get(url("budgte", "")).json())).as("a typo").hasSize(1);
        assertThat(titles(api.get(url("\"quarterly budget\"", "")).json())).hasSize(1);
        assertThat(titles(api.get(url("\"budget quarterly\"", "")).json())).isEmpty();
        assertThat(titles(api.get(url("type:task", "")).json())).hasSize(2);
        assertThat(titles(api.get(url("type:workflow budget", "")).json())).isEmpty();
        assertThat(titles(api.get(url("type:task lisbon", "")).json())).containsExactly("Book flights to Lisbon");
        assertThat(titles(api.get(url("type:task", "&types=message,file")).json()))
                .isEmpty();
        assertThat(titles(api.get(url("type:task", "&types=task&source=Atom%20tasks"))
                        .json()))
                .hasSize(2);
        assertThat(titles(api.get(url("type:task", "&source=Gmail")).json())).isEmpty();
        assertThat(titles(api.get(url("type:task", "&from=2000-01-01&to=2000-01-02"))
                        .json()))
                .isEmpty();
    }

    @Test
    void titlesRankAboveBodies() {
        task("Notes", "the roadmap draft");
        task("Roadmap draft", "notes");
        JsonNode page = awaitSearch(
                api,
                url("roadmap", ""),
                p -> p.get("hits").size() == 2 && !p.get("indexing").asBoolean());
        assertThat(titles(page).getFirst()).isEqualTo("Roadmap draft");
    }

    @Test
    void followsUpdatesAndDeletions() {
        String id = task("Renew insurance", "");
        awaitSearch(api, url("insurance", ""), p -> p.get("hits").size() == 1);

        assertThat(api.patch("/api/v1/tasks/" + id, Map.of("title", "Renew passport"))
                        .status())
                .isEqualTo(200);
        // the old title's vector goes with the vector backlog (indexing), not with the text
        awaitSearch(
                api,
                url("passport", ""),
                p -> p.get("hits").size() == 1 && !p.get("indexing").asBoolean());
        assertThat(titles(api.get(url("insurance", "")).json())).isEmpty();

        assertThat(api.delete("/api/v1/tasks/" + id).status()).isEqualTo(204);
        awaitSearch(api, url("passport", ""), p -> p.get("hits").isEmpty());
    }

    @Test
    void pagesWithACursorWithoutRepeats() {
        for (int i = 0; i < 5; i++) {
            task("Item " + i, "");
        }
        // the ranking is stable once every change (vectors too) is in
        awaitSearch(
                api,
                url("item", ""),
                p -> p.get("hits").size() == 5 && !p.get("indexing").asBoolean());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get(url("type:task", "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)))
                    .json();
            seen.addAll(titles(page));
            cursor = !page.has("nextCursor") ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertField(api.get("/api/v1/search"), "q");
        assertField(api.get(url("  ", "")), "q");
        assertField(api.get(url("x", "&types=task,bogus")), "types");
        assertField(api.get(url("type:bogus x", "")), "q");
        assertField(api.get(url("x", "&limit=1000")), "limit");
        assertField(api.get(url("x", "&limit=0")), "limit");
        assertField(api.get(url("x", "&limit=ten")), "limit");
        assertField(api.get(url("x", "&from=yesterday")), "from");
        assertField(api.get(url("x", "&to=2026-13-45")), "to");
        assertField(api.get(url("x", "&from=2026-12-05&to=2026-12-01")), "to");
        assertField(api.get(url("x", "&cursor=%21%21")), "cursor");
        assertField(api.get(url("x".repeat(501), "")), "q");
    }

    private static void assertField(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"" + field + "\"").doesNotContain("Exception");
    }
}
