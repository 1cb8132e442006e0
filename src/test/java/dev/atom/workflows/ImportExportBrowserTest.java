package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Import and export in the browser: a pasted YAML definition becomes a draft opened in the builder, its
 * export downloads as JSON and YAML, a definition that does not check out imports nothing and says why at
 * each place, and another workspace's workflow cannot be exported.
 */
class ImportExportBrowserTest extends BrowserTestBase {
    private static final String ECHO_YAML = """
            name: Echo
            trigger: { type: webhook, respond: last_step }
            steps:
              - id: shape
                type: transform
                output: { msg: "{{ trigger.body.msg }}" }
              - id: say
                type: respond
                status: 200
                body: { msg: "{{ steps.shape.output.msg }}" }
            """;

    /** GET {@code path} from the page (the session's cookie goes along); "status|body". */
    private String fetch(String path) {
        return (String) ((JavascriptExecutor) driver())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + '|' + t)));",
                        path);
    }

    @Test
    void importsExportsAndRefusesWhatDoesNotCheckOut() {
        var users = new TestUsers(this::http);
        TestUsers.User una = users.signUp("una");
        TestUsers.User other = users.signUp("oleg");
        String othersId = new WorkflowTestSupport(users.as(other))
                .createAndPublish("{ \"name\": \"Theirs\", \"trigger\": { \"type\": \"manual\" },"
                        + " \"steps\": [ { \"id\": \"s\", \"type\": \"transform\", \"output\": 1 } ] }");
        logInInBrowser(una.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));

        open("/automations");
        $("#import-automation").click();
        waitForPath("/automations/import");
        paste($("#import-text"), """
                { "name": "Broken", "trigger": { "type": "manual" },
                  "steps": [ { "id": "call", "action": "http.request", "input": { "url": "https://example.com" } } ] }
                """);
        $("#import-submit").click();
        waitUntil(d -> d.findElement(By.id("import-problems")).isDisplayed());
        assertThat($("#import-problems").getText()).contains("steps[0].input.method: is required");
        assertThat($("#import-text").getDomProperty("value")).as("kept to fix").contains("\"Broken\"");
        assertThat(users.as(una).get("/api/v1/workflows").json())
                .as("nothing imported")
                .isEmpty();

        paste($("#import-text"), "name: [unclosed");
        $("#import-submit").click();
        // the answer is a new page: wait for it rather than read the previous one's problems
        waitUntil(d -> d.findElement(By.id("import-problems")).getText().contains("definition: is not valid YAML"));
        assertThat($("#import-problems").getText()).contains("definition: is not valid YAML (line 1");

        paste($("#import-text"), ECHO_YAML);
        $("#import-submit").click();
        waitUntil(d -> currentPath().endsWith("/edit"));
        String id = currentPath().split("/")[2];
        assertThat($("h1").getText()).isEqualTo("Edit Echo");

        String json = fetch($("#export-json").getDomAttribute("href"));
        assertThat(json).startsWith("200|");
        var exported = WorkflowTestSupport.JSON.readTree(json.substring(4));
        assertThat(exported.get("steps").get(1).get("body").get("msg").asString())
                .isEqualTo("{{ steps.shape.output.msg }}");
        assertThat(fetch($("#export-yaml").getDomAttribute("href")))
                .startsWith("200|")
                .contains("name: \"Echo\"");
        assertThat(fetch("/automations/" + othersId + "/export")).startsWith("404|");
        assertThat(users.as(una)
                        .get("/api/v1/workflows/" + id)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Echo");
    }

    /** Puts text into a field at once (typing several lines of JSON key by key is slow). */
    private void paste(org.openqa.selenium.WebElement element, String value) {
        js("arguments[0].value = arguments[1];", element, value);
    }
}
