package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The htmx routes of the tasks page over HTTP: isolation between workspaces, CSRF, paging of the list. */
class TaskPagesTest extends AppTestBase {
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern HTMX_CSRF = Pattern.compile("X-XSRF-TOKEN&quot;: &quot;([^&]+)&quot;");

    /** A browser-like client signed in through the sign-up form; answers the CSRF token for htmx requests. */
    private record Browser(HttpClient client, String csrf) {}

    private HttpResponse<String> send(HttpClient client, String method, String path, String csrf, String form)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf).header("HX-Request", "true");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Browser signUp(String who) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        Matcher token =
                FORM_CSRF.matcher(send(client, "GET", "/signup", null, null).body());
        assertThat(token.find()).isTrue();
        String email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String form = form(Map.of(
                "_csrf", token.group(1), "email", email, "password", "correct horse battery staple", "name", who));
        HttpResponse<String> tasks = send(client, "POST", "/signup", null, form);
        assertThat(tasks.uri().getPath()).as("home is the briefing").isEqualTo("/");
        Matcher csrf = HTMX_CSRF.matcher(tasks.body());
        assertThat(csrf.find()).as(tasks.body()).isTrue();
        return new Browser(client, csrf.group(1));
    }

    private static String form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    @Test
    void anotherWorkspacesTaskIsNotFoundOnEveryPageRoute() throws Exception {
        Browser ann = signUp("ann");
        var created = send(ann.client(), "POST", "/tasks", ann.csrf(), form(Map.of("title", "Ann's secret")));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("HX-Trigger")).contains("tasks-changed");
        String list = send(ann.client(), "GET", "/tasks/list", null, null).body();
        Matcher id = Pattern.compile("data-task-id=\"([0-9a-f-]{36})\"").matcher(list);
        assertThat(id.find()).as(list).isTrue();
        String taskId = id.group(1);

        Browser eve = signUp("eve");
        assertThat(send(eve.client(), "GET", "/tasks/list", null, null).body()).doesNotContain("Ann's secret");
        assertThat(send(eve.client(), "GET", "/tasks/" + taskId + "/row", null, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(eve.client(), "GET", "/tasks/" + taskId + "/edit", null, null)
                        .statusCode())
                .isEqualTo(404);
        String edit = form(Map.of("title", "Eve's now", "status", "done", "priority", "none"));
        assertThat(send(eve.client(), "POST", "/tasks/" + taskId, eve.csrf(), edit)
                        .statusCode())
                .isEqualTo(404);
        for (String action : new String[] {"complete", "reopen"}) {
            assertThat(send(eve.client(), "POST", "/tasks/" + taskId + "/" + action, eve.csrf(), "")
                            .statusCode())
                    .isEqualTo(404);
        }
        assertThat(send(eve.client(), "DELETE", "/tasks/" + taskId, eve.csrf(), null)
                        .statusCode())
                .isEqualTo(404);

        // untouched for its owner; and without the CSRF header even the owner cannot change it
        String row = send(ann.client(), "GET", "/tasks/" + taskId + "/row", null, null)
                .body();
        assertThat(row).contains("Ann&#39;s secret").doesNotContain("class=\"task done\"");
        assertThat(send(ann.client(), "DELETE", "/tasks/" + taskId, null, null).statusCode())
                .isEqualTo(403);
        assertThat(send(ann.client(), "DELETE", "/tasks/" + taskId, ann.csrf(), null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theListShowsFiftyTasksAndAButtonForTheRest() throws Exception {
        Browser pat = signUp("pat");
        for (int i = 0; i < 52; i++) {
            String title = String.format("Task %02d", i);
            var created =
                    send(pat.client(), "POST", "/tasks", pat.csrf(), form(Map.of("title", title, "tags", "bulk")));
            assertThat(created.body()).doesNotContain("class=\"errors\"");
        }
        String first =
                send(pat.client(), "GET", "/tasks/list?tag=bulk", null, null).body();
        assertThat(first).contains("Task 51", "Task 02").doesNotContain("Task 01");
        Matcher more = Pattern.compile("hx-get=\"([^\"]*cursor=[^\"]+)\"").matcher(first);
        assertThat(more.find()).as("a show-more button").isTrue();
        String next = send(pat.client(), "GET", more.group(1).replace("&amp;", "&"), null, null)
                .body();
        assertThat(next).contains("Task 01", "Task 00").doesNotContain("Task 02", "cursor=", "tasks-empty");
    }
}
