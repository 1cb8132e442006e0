package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * "Run now" with a JSON input (from the Automations list and the builder, prefilled with the last manual
 * run's input, bad JSON refused in place), "Older runs" and the "Started by" filter on the runs pages, and the
 * confirmed replay of an action run, in a real browser. Writes docs/screenshots/run-replay-action.png.
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

    @Test
    void startedByFiltersTheRunsAndAnActionRunIsReplayedOnlyOnceThePersonConfirmsIt() throws Exception {
        TestUsers.User pia = new TestUsers(this::http).signUp("pia");
        TestHttp http = new TestUsers(this::http).as(pia);
        WorkflowTestSupport api = new WorkflowTestSupport(http);
        String flow = api.createAndPublish("""
                {"name": "Greeter", "trigger": {"type": "manual"}, "steps": [
                  {"id": "greet", "type": "transform", "output": {"hello": "{{ trigger.input.who }}"}}]}""");
        String manual = api.start(flow, Map.of("who", "Ann"));
        api.awaitEnd(manual);
        var key = http.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testkey",
                        "name",
                        "Billing API",
                        "credentials",
                        Map.of("api_key", "good-key", "account", "a")));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        String call = "/api/v1/connections/" + key.json().get("id").asString() + "/actions/testkey.check_key";
        assertThat(http.post(call, Map.of("mode", "refuse")).status()).isBetween(400, 599);
        String refused =
                http.get("/api/v1/runs?trigger=api").json().at("/items/0/id").asString();
        assertThat(api.awaitEnd(refused).get("status").asString()).isEqualTo("failed");

        logInInBrowser(pia.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/runs");
        waitUntil(d -> all(".run-row").size() == 2);
        new org.openqa.selenium.support.ui.Select($("#filter-trigger")).selectByValue("api");
        $("#apply-filters").click();
        waitUntil(d -> d.getCurrentUrl().contains("trigger=api"));
        waitUntil(d -> all(".run-row").size() == 1);
        assertThat(rowIds()).containsExactly(refused);
        assertThat(new org.openqa.selenium.support.ui.Select($("#filter-trigger"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("api");
        open("/runs?trigger=manual");
        waitUntil(d -> all(".run-row").size() == 1);
        assertThat(rowIds()).containsExactly(manual);
        open("/runs?trigger=chat");
        waitUntil(d -> all(".run-row").isEmpty());

        // the failed API call's run: replaying it may call the service again, so the person confirms first
        open("/runs/" + refused);
        assertThat($("#replay-warning").getText())
                .contains("testkey.check_key for an API call", "may have reached the service")
                .doesNotContain("confirm");
        assertThat($("#replay-run").getText()).isEqualTo("Replay anyway…");
        Path shot =
                ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("docs/screenshots"));
        Files.copy(shot, Path.of("docs/screenshots/run-replay-action.png"), StandardCopyOption.REPLACE_EXISTING);
        $("#replay-run").click();
        driver().switchTo().alert().dismiss(); // not confirmed: nothing happens
        assertThat(currentPath()).isEqualTo("/runs/" + refused);
        assertThat(http.get("/api/v1/runs?trigger=api").json().get("items")).hasSize(1);
        $("#replay-run").click();
        var alert = driver().switchTo().alert();
        assertThat(alert.getText()).contains("Replay anyway?");
        alert.accept();
        waitUntil(d -> currentPath().startsWith("/runs/") && !currentPath().endsWith(refused));
        String replay = currentPath().substring("/runs/".length());
        JsonNode again = api.awaitEnd(replay);
        assertThat(again.at("/trigger/replayOf").asString()).isEqualTo(refused);
        assertThat(again.at("/trigger/type").asString()).isEqualTo("api");
        assertThat(again.get("status").asString())
                .as("the service refused again")
                .isEqualTo("failed");
    }

    private List<String> rowIds() {
        return all(".run-row").stream()
                .map(tr -> tr.getDomAttribute("id").substring("run-".length()))
                .toList();
    }
}
