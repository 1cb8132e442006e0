package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Automations pages in a real browser: building a workflow from scratch in the form builder (with a
 * validation problem shown at its field and fixed), publishing, switching it off and on, running it, watching
 * a run finish without reloading, and cancelling a waiting one.
 */
class AutomationsBrowserTest extends BuilderBrowserTestBase {

    @Test
    void buildsPublishesTogglesAndRunsAWorkflowFromScratch() {
        TestUsers.User ann = new TestUsers(this::http).signUp("ann");
        TestHttp http = new TestUsers(this::http).as(ann);
        logInInBrowser(ann.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        $("#nav-automations").click();
        waitForPath("/automations");
        $("#automations-empty");
        $("#new-automation").click();
        waitForPath("/automations/new");

        type("#f-name", "Greeter");
        addStep("steps", "transform");
        field("steps[0].id").clear();
        field("steps[0].id").sendKeys("shape");
        setValue(field("steps[0].output"), "{\"msg\": \"{{ trigger.input.who }}\", \"n\": 12}");
        addStep("steps", "condition");
        field("steps[1].id").clear();
        field("steps[1].id").sendKeys("big");
        // a reference to a step that does not exist: the checks refuse it
        field("steps[1].if").sendKeys("{{ steps.nope.output.n > 10 }}");
        addStep("steps[1].then", "respond");
        assertThat(field("steps[0].id").getDomProperty("value"))
                .as("typed values survive")
                .isEqualTo("shape");
        setValue(field("steps[1].then[0].body"), "{\"size\": \"big\"}");
        $("#save").click();

        WebElement placed = waitUntil(d -> d.findElement(By.id("e-steps[1].if")));
        assertThat(placed.getText()).contains("nope");
        assertThat($("#problems").getText()).contains("steps[1].if");
        assertThat(field("steps[1].if").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(currentPath()).isEqualTo("/automations/new");

        field("steps[1].if").clear();
        field("steps[1].if").sendKeys("{{ steps.shape.output.n > 10 }}");
        $("#save").click();
        assertThat($("#done").getText()).isEqualTo("Saved.");
        String id = currentPath().split("/")[2];
        assertThat($("#workflow-status").getText()).contains("Draft");
        // the read-only graph: the condition with its then branch
        assertThat(all(".graph .node-condition .graph-branch .node-respond")).hasSize(1);

        $("#publish").click();
        waitUntil(d -> $("#done").getText().equals("Published."));
        assertThat($("#workflow-status").getText()).isEqualTo("Published v1");

        open("/automations");
        WebElement row = $("#wf-" + id);
        assertThat(row.findElement(By.cssSelector(".version")).getText()).isEqualTo("published v1");
        assertThat(row.findElement(By.cssSelector(".trigger")).getText()).isEqualTo("manual");
        markPage();
        $("#wf-" + id + " .enabled-toggle").click();
        waitUntil(d -> !$("#wf-" + id + " .enabled-toggle").isSelected());
        waitForHtmx();
        assertThat(http.get("/api/v1/workflows/" + id).json().get("enabled").asBoolean())
                .isFalse();
        $("#wf-" + id + " .enabled-toggle").click();
        waitUntil(d -> $("#wf-" + id + " .enabled-toggle").isSelected());
        waitForHtmx();
        assertThat(http.get("/api/v1/workflows/" + id).json().get("enabled").asBoolean())
                .isTrue();
        assertThat(pageWasNotReloaded()).isTrue();

        $("#wf-" + id + " .run-now").click();
        $("#run-panel-" + id + " .run-start").click(); // the input form; {} as it comes
        waitUntil(d -> currentPath().startsWith("/runs/"));
        waitUntil(d -> $("#run-status").getText().equals("succeeded"));
        assertThat(all(".step-row").stream()
                        .map(li -> li.findElement(By.cssSelector(".step-id")).getText()))
                .containsExactly("shape", "big", "respond1");
        open("/automations");
        assertThat($("#wf-" + id + " .last-run").getText()).contains("succeeded");
    }

    @Test
    void actionStepsGetTheirInputsFromTheCatalogAndTheJsonTabRoundTrips() {
        TestUsers.User dan = new TestUsers(this::http).signUp("dan");
        TestHttp http = new TestUsers(this::http).as(dan);
        logInInBrowser(dan.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/automations/new");
        type("#f-name", "Caller");
        addStep("steps", "action");
        assertThat(js("return document.activeElement.id"))
                .as("focus on the new step")
                .isEqualTo("f-steps[0].id");

        new Select(field("steps[0].action")).selectByValue("http.request");
        WebElement method = field("steps[0].input.method");
        waitForHtmx();
        assertThat(new Select(field("steps[0].connection"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("None needed");
        new Select(field("steps[0].input.method")).selectByValue("POST");
        field("steps[0].input.url").sendKeys("{{ trigger.input.base }}/one");
        assertThat(all("[id='f-steps[0].input.headers']")).hasSize(1);
        assertThat(method.getTagName()).isEqualTo("select");

        $("#tab-json").click();
        WebElement json = $("#f-json");
        assertThat(json.getDomProperty("value")).contains("\"http.request\"").contains("\"POST\"");
        js("arguments[0].value = arguments[0].value.replace('\"Caller\"', '\"Caller two\"');", json);
        $("#apply-json").click();
        waitUntil(d -> $("#f-name").getDomProperty("value").equals("Caller two"));
        assertThat(field("steps[0].input.url").getDomProperty("value")).isEqualTo("{{ trigger.input.base }}/one");
        $("#save").click();
        assertThat($("#done").getText()).isEqualTo("Saved.");
        String id = currentPath().split("/")[2];
        var step = http.get("/api/v1/workflows/" + id)
                .json()
                .get("definition")
                .get("steps")
                .get(0);
        assertThat(step.get("action").asString()).isEqualTo("http.request");
        assertThat(step.get("input").get("method").asString()).isEqualTo("POST");
        assertThat(step.get("input").get("url").asString()).isEqualTo("{{ trigger.input.base }}/one");

        // another type: the action's fields make way for the new type's
        new Select(field("steps[0].type")).selectByValue("transform");
        field("steps[0].output");
        waitForHtmx();
        assertThat(all("[id='f-steps[0].action']")).isEmpty();
    }

    @Test
    void theRunPageFollowsARunToTheEndAndCancelsAWaitingOne() {
        TestUsers.User ben = new TestUsers(this::http).signUp("ben");
        WorkflowTestSupport api = new WorkflowTestSupport(new TestUsers(this::http).as(ben));
        String slow = api.createAndPublish("""
                {"name": "Slow", "trigger": {"type": "manual"}, "steps": [
                  {"id": "pause", "type": "delay", "duration": "PT2S"},
                  {"id": "done", "type": "transform", "output": {"ok": true}}]}""");
        String waits = api.createAndPublish("""
                {"name": "Waits", "trigger": {"type": "manual"}, "steps": [
                  {"id": "pause", "type": "delay", "duration": "PT1H"}]}""");
        logInInBrowser(ben.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));

        String runId = api.start(slow, Map.of());
        open("/runs/" + runId);
        assertThat($("#run-status").getText()).isIn("queued", "running", "waiting");
        markPage();
        $("#d-trigger summary").click(); // opened while the timeline refreshes: it stays open
        waitUntil(d -> $("#run-status").getText().equals("succeeded"));
        assertThat($("#d-trigger").getDomProperty("open")).isEqualTo("true");
        assertThat(pageWasNotReloaded())
                .as("the timeline refreshed itself in place")
                .isTrue();
        assertThat($("#step-done .step-status").getText()).isEqualTo("succeeded");
        assertThat(all("#cancel-run")).isEmpty();

        String waiting = api.start(waits, Map.of());
        api.awaitStatus(waiting, "waiting");
        open("/runs/" + waiting);
        assertThat($("#run-status").getText()).isEqualTo("waiting");
        $("#cancel-run").click();
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        waitUntil(d -> $("#run-status").getText().equals("cancelled"));
        assertThat(api.run(waiting).get("status").asString()).isEqualTo("cancelled");

        // a cancelled (or failed) run can be replayed from its unfinished step: the page moves to the new run
        waitUntil(
                d -> { // the timeline may still be swapping in the cancelled state: click the settled button
                    try {
                        d.findElement(By.id("replay-run")).click();
                        return true;
                    } catch (org.openqa.selenium.StaleElementReferenceException
                            | org.openqa.selenium.NoSuchElementException e) {
                        return false;
                    }
                });
        waitUntil(d -> currentPath().startsWith("/runs/") && !currentPath().equals("/runs/" + waiting));
        String replay = currentPath().substring("/runs/".length());
        assertThat(api.run(replay).get("trigger").get("replayOf").asString()).isEqualTo(waiting);
        assertThat(all("#replay-run")).as("a live run is not replayed").isEmpty();

        // the runs list filters by workflow and status
        open("/runs");
        new Select($("#filter-workflow")).selectByVisibleText("Waits");
        new Select($("#filter-status")).selectByValue("cancelled");
        $("#apply-filters").click();
        waitUntil(d -> all(".run-row").size() == 1);
        $(".run-row .run-link").click();
        waitForPath("/runs/" + waiting);
    }

    @Test
    void pagesAnswer404ForAnotherWorkspacesWorkflowsAndRuns() {
        TestUsers users = new TestUsers(this::http);
        WorkflowTestSupport bob = new WorkflowTestSupport(users.as(users.signUp("bob")));
        String theirs = bob.createAndPublish("""
                {"name": "Theirs", "trigger": {"type": "manual"}, "steps": [
                  {"id": "pause", "type": "delay", "duration": "PT1H"}]}""");
        String theirRun = bob.start(theirs, Map.of());
        TestUsers.User cara = users.signUp("cara");
        String mine = new WorkflowTestSupport(users.as(cara)).createAndPublish("""
                {"name": "Mine", "trigger": {"type": "manual"}, "steps": [
                  {"id": "pause", "type": "delay", "duration": "PT1H"}]}""");
        logInInBrowser(cara.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/automations");
        $("#wf-" + mine);

        assertThat(status("GET", "/automations/" + mine + "/edit", null)).isEqualTo(200);
        for (String path : new String[] {
            "/automations/" + theirs + "/edit",
            "/automations/" + theirs + "/runs",
            "/runs/" + theirRun,
            "/runs/" + theirRun + "/timeline",
            "/automations/" + theirs + "/run"
        }) {
            assertThat(status("GET", path, null)).as(path).isEqualTo(404);
        }
        for (String path : new String[] {
            "/automations/" + theirs + "/disable",
            "/automations/" + theirs + "/run",
            "/runs/" + theirRun + "/cancel",
            "/runs/" + theirRun + "/replay",
            "/approvals/" + theirRun + "/pause?decision=approve"
        }) {
            assertThat(status("POST", path, "")).as(path).isEqualTo(404);
        }
        assertThat(status("POST", "/automations/builder", "_id=" + theirs + "&op=save&name=Stolen"))
                .isEqualTo(404);
        assertThat(bob.run(theirRun).get("status").asString()).isIn("queued", "running", "waiting");
        assertThat(status("POST", "/automations/" + mine + "/disable", ""))
                .as("her own")
                .isEqualTo(200);
    }

    /** The status of a request made by the page itself (its session cookie and CSRF header). */
    private long status(String method, String path, String form) {
        Object status = ((org.openqa.selenium.JavascriptExecutor) driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
                headers['Content-Type'] = 'application/x-www-form-urlencoded';
                fetch(arguments[1], {method: arguments[0], headers: headers, body: arguments[2],
                    redirect: 'manual'}).then(r => done(r.status), e => done(-1));""", method, path, form);
        return (Long) status;
    }
}
