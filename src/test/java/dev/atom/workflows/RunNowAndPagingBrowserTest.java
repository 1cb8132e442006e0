package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * "Run now" with a JSON input (from the Automations list and the builder, prefilled with the last manual
 * run's input, bad JSON refused in place) and "Older runs" on the runs pages, in a real browser.
 */
class RunNowAndPagingBrowserTest extends BrowserTestBase {

    @Test
    void runNowTakesAJsonInputRefusesBadJsonInPlaceAndOffersTheLastInputAgain() {
        TestUsers.User ann = new TestUsers(this::http).signUp("ann");
        TestHttp http = new TestUsers(this::http).as(ann);
        WorkflowTestSupport api = new WorkflowTestSupport(http);
        String id = api.createAndPublish("""
                {"name": "Greeter", "trigger": {"type": "manual"}, "steps": [
                  {"id": "greet", "type": "transform", "output": {"hello": "{{ trigger.input.who }}"}}]}""");
        String hook = api.createAndPublish("""
                {"name": "Hooked", "trigger": {"type": "webhook"}, "steps": [
                  {"id": "echo", "type": "transform", "output": {"got": "{{ trigger.input.x }}"}}]}""");
        logInInBrowser(ann.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/automations");
        markPage();

        $("#run-now-" + id).click();
        WebElement input = $("#run-input-" + id);
        assertThat(input.getDomProperty("value").strip())
                .as("no manual run yet")
                .isEqualTo("{ }");
        assertThat(js("return document.activeElement.id")).isEqualTo("run-input-" + id);

        setValue(input, "{\"who\": \"Ann\",");
        $("#run-panel-" + id + " .run-start").click();
        WebElement error = waitUntil(d -> d.findElement(By.id("run-input-error-" + id)));
        assertThat(error.getText()).startsWith("Not valid JSON (line 1");
        input = $("#run-input-" + id);
        assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(input.getDomAttribute("aria-describedby")).contains("run-input-error-" + id);
        assertThat(input.getDomProperty("value")).as("kept to fix").isEqualTo("{\"who\": \"Ann\",");
        setValue(input, "[\"Ann\"]");
        $("#run-panel-" + id + " .run-start").click();
        waitUntil(d -> d.findElement(By.id("run-input-error-" + id)).getText().startsWith("Must be a JSON object"));
        assertThat(currentPath()).isEqualTo("/automations");
        assertThat(pageWasNotReloaded()).isTrue();
        // a plain form post (no htmx) is checked the same way: 422 with the form, no run
        Object plain = ((org.openqa.selenium.JavascriptExecutor) driver())
                .executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
                headers['Content-Type'] = 'application/x-www-form-urlencoded';
                fetch(arguments[0], {method: 'POST', headers: headers, body: 'input=%7Bnope'})
                    .then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('-1'));""", "/automations/" + id + "/run");
        assertThat((String) plain).startsWith("422 ").contains("Not valid JSON");
        assertThat(http.get("/api/v1/runs?workflow=" + id).json().get("items"))
                .as("no run was started")
                .isEmpty();

        setValue($("#run-input-" + id), "{\"who\": \"Ann\", \"n\": 2}");
        $("#run-panel-" + id + " .run-start").click();
        waitUntil(d -> currentPath().startsWith("/runs/"));
        String runId = currentPath().substring("/runs/".length());
        waitUntil(d -> $("#run-status").getText().equals("succeeded"));
        $("#d-trigger summary").click();
        assertThat($("#d-trigger pre").getText())
                .contains("\"type\" : \"manual\"")
                .contains("\"who\" : \"Ann\"");
        assertThat(api.run(runId).get("steps").get(0).get("output").get("hello").asString())
                .isEqualTo("Ann");

        // the builder: Run now again, with the last run's input filled in; Cancel closes the panel
        open("/automations/" + id + "/edit");
        $("#builder-run-now").click();
        input = $("#run-input-" + id);
        assertThat(input.getDomProperty("value")).contains("\"who\" : \"Ann\"").contains("\"n\" : 2");
        assertThat($("#run-panel-" + id).getText()).contains("last manual run").contains("Runs published v1");
        $("#run-panel-" + id + " .cancel-run-now").click();
        waitUntil(d -> d.findElements(By.id("run-panel-" + id)).isEmpty());
        assertThat(js("return document.activeElement.id")).isEqualTo("builder-run-now");
        $("#builder-run-now").click();
        setValue($("#run-input-" + id), "{\"who\": \"Bo\"}");
        $("#run-panel-" + id + " .run-start").click();
        waitUntil(d -> currentPath().startsWith("/runs/") && !currentPath().endsWith(runId));
        String again = currentPath().substring("/runs/".length());
        assertThat(api.awaitEnd(again).get("trigger").get("input").get("who").asString())
                .isEqualTo("Bo");

        // like the API, a published workflow of another trigger can be run by hand: the form says what it gets
        open("/automations");
        $("#run-now-" + hook).click();
        assertThat($("#run-panel-" + hook).getText()).contains("Its trigger is webhook");
        setValue($("#run-input-" + hook), "{\"x\": 7}");
        $("#run-panel-" + hook + " .run-start").click();
        waitUntil(d -> currentPath().startsWith("/runs/"));
        String hooked = currentPath().substring("/runs/".length());
        assertThat(api.awaitEnd(hooked)
                        .get("steps")
                        .get(0)
                        .get("output")
                        .get("got")
                        .asInt())
                .isEqualTo(7);
    }

    @Test
    void olderRunsLoadsTheNextPageWithTheSameFiltersWithNoGapsOrRepeats() {
        TestUsers.User olga = new TestUsers(this::http).signUp("olga");
        TestHttp http = new TestUsers(this::http).as(olga);
        WorkflowTestSupport api = new WorkflowTestSupport(http);
        String a = api.createAndPublish("""
                {"name": "Many", "trigger": {"type": "manual"}, "steps": [
                  {"id": "one", "type": "transform", "output": {"n": "{{ trigger.input.n }}"}}]}""");
        String b = api.createAndPublish("""
                {"name": "Few", "trigger": {"type": "manual"}, "steps": [
                  {"id": "one", "type": "transform", "output": {"n": "{{ trigger.input.n }}"}}]}""");
        List<String> many = new ArrayList<>();
        List<String> few = new ArrayList<>();
        for (int i = 0; i < 106; i++) { // Few's runs sit between Many's first and second page
            boolean isFew = i >= 50 && i < 53;
            (isFew ? few : many).add(api.start(isFew ? b : a, Map.of("n", i)));
        }
        many.forEach(api::awaitEnd);
        List<String> newestFirst = many.reversed();
        logInInBrowser(olga.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));

        open("/runs?workflow=" + a);
        waitUntil(d -> all(".run-row").size() == 100);
        assertThat(rowIds()).containsExactlyElementsOf(newestFirst.subList(0, 100));
        markPage();
        $("#older-runs-link").click();
        waitUntil(d -> all(".run-row").size() == 103);
        assertThat(rowIds()).containsExactlyElementsOf(newestFirst).doesNotContainAnyElementsOf(few);
        assertThat(all("#older-runs")).as("the last page").isEmpty();
        assertThat(pageWasNotReloaded()).isTrue();
        assertThat(js("return document.activeElement.closest('tr').id")).isEqualTo("run-" + newestFirst.get(100));

        // one workflow's runs with a status filter: the link keeps both
        open("/automations/" + a + "/runs?status=succeeded");
        waitUntil(d -> all(".run-row").size() == 100);
        String older = $("#older-runs-link").getDomAttribute("href");
        assertThat(older).startsWith("/automations/" + a + "/runs?status=succeeded&cursor=");
        $("#older-runs-link").click();
        waitUntil(d -> all(".run-row").size() == 103);
        assertThat(rowIds()).containsExactlyElementsOf(newestFirst);

        // without htmx the link is a page of its own, with a way back
        open(older);
        waitUntil(d -> all(".run-row").size() == 3);
        assertThat(rowIds()).containsExactlyElementsOf(newestFirst.subList(100, 103));
        $("#newest-runs").click();
        waitUntil(d -> all(".run-row").size() == 100);

        open("/runs?workflow=" + a + "&cursor=broken");
        assertThat($("#filter-errors").getText()).contains("older runs is damaged");
    }

    private List<String> rowIds() {
        return all(".run-row").stream()
                .map(tr -> tr.getDomAttribute("id").substring("run-".length()))
                .toList();
    }
}
