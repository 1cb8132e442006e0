package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/runs} pages with {@code cursor}/{@code nextCursor} (and a {@code Link: rel="next"}):
 * every run once, newest first, with the filters kept; bad parameters are named in problem+json.
 */
class RunsPagingApiTest extends AppTestBase {
    private TestHttp api;
    private WorkflowTestSupport flows;

    @BeforeEach
    void setUp() {
        var users = new TestUsers(this::http);
        api = users.as(users.signUp("paula"));
        flows = new WorkflowTestSupport(api);
    }

    @Test
    void pagesThroughEveryRunOnceWithTheFiltersKept() {
        String quick = flows.createAndPublish("""
                {"name": "Quick", "trigger": {"type": "manual"}, "steps": [
                  {"id": "shape", "type": "transform", "output": {"n": "{{ trigger.input.n }}"}}]}""");
        String waits = flows.createAndPublish("""
                {"name": "Waits", "trigger": {"type": "manual"}, "steps": [
                  {"id": "pause", "type": "delay", "duration": "PT1H"}]}""");
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            started.add(flows.start(i >= 4 && i < 7 ? waits : quick, Map.of("n", i)));
        }
        for (int i = 0; i < 11; i++) {
            flows.awaitStatus(started.get(i), i >= 4 && i < 7 ? "waiting" : "succeeded");
        }
        List<JsonNode> all = items(api.get("/api/v1/runs?limit=200"));
        assertThat(all).extracting(r -> r.get("id").asString()).containsExactlyElementsOf(started.reversed());

        assertThat(walk("/api/v1/runs?limit=3", 4)).containsExactlyElementsOf(started.reversed());
        assertThat(walk("/api/v1/runs?limit=1", 11)).containsExactlyElementsOf(started.reversed());
        assertThat(walk("/api/v1/runs?limit=11", 1)).containsExactlyElementsOf(started.reversed());
        List<String> quickOnes = started.stream()
                .filter(id -> started.indexOf(id) < 4 || started.indexOf(id) >= 7)
                .toList();
        assertThat(walk("/api/v1/runs?limit=3&workflow=" + quick, 3)).containsExactlyElementsOf(quickOnes.reversed());
        assertThat(walk("/api/v1/runs?status=waiting&limit=2", 2))
                .containsExactlyElementsOf(started.subList(4, 7).reversed());
        assertThat(walk("/api/v1/runs?status=waiting&workflow=" + quick + "&limit=2", 1))
                .isEmpty();
        // a time window: runs created at or after the 8th newest, before the newest
        String since = all.get(7).get("createdAt").asString();
        String before = all.get(0).get("createdAt").asString();
        assertThat(walk("/api/v1/runs?limit=2&since=" + since + "&before=" + before, 4))
                .containsExactlyElementsOf(started.subList(3, 10).reversed());

        // the older clients' time cursor is still there
        var first = api.get("/api/v1/runs?limit=3");
        assertThat(first.json().get("nextBefore").asString())
                .isEqualTo(all.get(2).get("createdAt").asString());
    }

    @Test
    void badParametersAreNamed() {
        assertThat(fields(api.get("/api/v1/runs?limit=0"))).containsExactly("limit");
        assertThat(fields(api.get("/api/v1/runs?limit=201"))).containsExactly("limit");
        assertThat(fields(api.get("/api/v1/runs?limit=many"))).containsExactly("limit");
        assertThat(fields(api.get("/api/v1/runs?cursor=not-a-cursor"))).containsExactly("cursor");
        assertThat(fields(api.get("/api/v1/runs?cursor=cjEKeAp5"))).containsExactly("cursor");
        assertThat(fields(api.get("/api/v1/runs?before=yesterday&cursor=&limit=500")))
                .containsExactlyInAnyOrder("before", "cursor", "limit");
        assertThat(fields(api.get("/api/v1/runs?status=done"))).containsExactly("status");
        assertThat(api.get("/api/v1/runs?limit=200").status()).isEqualTo(200);
    }

    /**
     * Follows {@code nextCursor} from {@code firstPage} to the end, checking that the {@code Link} header
     * names the same next page; returns the run ids in order, which must be {@code pages} pages.
     */
    private List<String> walk(String firstPage, int pages) {
        List<String> ids = new ArrayList<>();
        String path = firstPage;
        for (int page = 1; ; page++) {
            var response = api.get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            items(response).forEach(r -> ids.add(r.get("id").asString()));
            JsonNode next = response.json().get("nextCursor");
            if (next == null) {
                assertThat(response.header("Link")).isNull();
                assertThat(page).as("pages").isEqualTo(pages);
                assertThat(ids).doesNotHaveDuplicates();
                return ids;
            }
            String link = response.header("Link");
            assertThat(link).startsWith("</api/v1/runs?").endsWith(">; rel=\"next\"");
            String linked = link.substring(1, link.indexOf('>'));
            assertThat(linked).contains("cursor=" + next.asString());
            assertThat(page).as("pages").isLessThan(pages);
            path = linked;
        }
    }

    private static List<JsonNode> items(TestHttp.Response response) {
        List<JsonNode> out = new ArrayList<>();
        response.json().get("items").forEach(out::add);
        return out;
    }

    private static List<String> fields(TestHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> out = new ArrayList<>();
        response.json().get("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }
}
