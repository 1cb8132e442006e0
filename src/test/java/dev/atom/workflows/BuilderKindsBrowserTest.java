package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.json.JsonMapper;

/**
 * The builder in a real browser with the trigger and step kinds beyond the basic ones: a schedule (with its
 * next slots shown), a for_each with a step in its body, a switch with cases added and removed, an approval
 * (a missing message shown at its field, then fixed), saved, published and read back through the API; and a
 * connector trigger with a connection of its own connector and its settings from the settings schema; and a
 * definition with the other kinds (transform list, ai, sub-workflow, an action's retry) opened and saved unchanged.
 */
class BuilderKindsBrowserTest extends BuilderBrowserTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void buildsAScheduleLoopSwitchAndApprovalFromScratch() {
        TestUsers.User ann = new TestUsers(this::http).signUp("ann");
        TestHttp http = new TestUsers(this::http).as(ann);
        logInInBrowser(ann.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/automations/new");
        type("#f-name", "Nightly");

        new Select(field("trigger.type")).selectByValue("schedule");
        field("trigger.cron").sendKeys("0 9 * * MON-FRI");
        field("trigger.timezone").sendKeys("Europe/Berlin");
        new Select(field("trigger.catchUp")).selectByValue("run_once");

        addStep("steps", "for_each");
        field("steps[0].items").sendKeys("{{ trigger.scheduledFor }}");
        field("steps[0].concurrency").sendKeys("2");
        addStep("steps[0].steps", "transform");
        setValue(field("steps[0].steps[0].output"), "{\"n\": \"{{ item }}\"}");

        addStep("steps", "switch");
        field("steps[1].value").sendKeys("{{ trigger.missed }}");
        setValue(field("steps[1].cases[0].equals"), "bug");
        addStep("steps[1].cases[0].steps", "stop");
        addStep("steps[1].cases[0].steps", "transform");
        driver().findElement(By.cssSelector("button[value='up:steps[1].cases[0].steps[1]']"))
                .click(); // nested lists move like the top one
        waitUntil(d ->
                field("steps[1].cases[0].steps[0].id").getDomProperty("value").equals("transform2"));
        click("add-case-steps[1]");
        setValue(field("steps[1].cases[1].equals"), "3");
        addStep("steps[1].cases[1].steps", "fail");
        field("steps[1].cases[1].steps[0].message").sendKeys("three");
        click("add-case-steps[1]");
        field("steps[1].cases[2].equals");
        driver().findElement(By.id("branch-steps[1].cases[2].steps"))
                .findElement(By.cssSelector(".remove-case"))
                .click();
        waitUntil(d -> d.findElements(By.id("f-steps[1].cases[2].equals")).isEmpty());
        waitForHtmx();

        addStep("steps", "approval");
        new Select(field("steps[2].approvers")).selectByValue("admin");
        field("steps[2].timeout").sendKeys("P2D");
        $("#save").click();

        WebElement placed = waitUntil(d -> d.findElement(By.id("e-steps[2].message")));
        assertThat(placed.getText()).contains("is required");
        assertThat(field("steps[2].message").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(currentPath()).isEqualTo("/automations/new");
        assertThat(new Select(field("steps[2].approvers")).getAllSelectedOptions())
                .extracting(WebElement::getText)
                .as("the choice survives the round trip")
                .containsExactly("Role: admins and owners");
        assertThat($("#h-trigger\\.cron").getText()).startsWith("Next: ").endsWith("(Europe/Berlin)");

        field("steps[2].message").sendKeys("Go on?");
        $("#save").click();
        assertThat($("#done").getText()).isEqualTo("Saved.");
        String id = currentPath().split("/")[2];
        assertThat(all(".graph .node-for_each .graph-branch .node-transform")).hasSize(1);
        assertThat(all(".graph .node-switch > .graph-branches > .graph-branch")).hasSize(3);
        assertThat(all(".graph .node-switch .node-stop")).hasSize(1);

        $("#publish").click();
        waitUntil(d -> $("#done").getText().equals("Published."));
        assertThat($("#workflow-status").getText()).isEqualTo("Published v1");

        assertThat(http.get("/api/v1/workflows/" + id).json().get("definition")).isEqualTo(JSON.readTree("""
                        { "name": "Nightly",
                          "trigger": { "type": "schedule", "cron": "0 9 * * MON-FRI", "timezone": "Europe/Berlin",
                                       "catchUp": "run_once" },
                          "steps": [
                            { "id": "for_each1", "type": "for_each", "items": "{{ trigger.scheduledFor }}",
                              "concurrency": 2,
                              "steps": [ { "id": "transform1", "type": "transform", "output": { "n": "{{ item }}" } } ] },
                            { "id": "switch1", "type": "switch", "value": "{{ trigger.missed }}",
                              "cases": [ { "equals": "bug", "steps": [ { "id": "transform2", "type": "transform", "output": {} },
                                                                 { "id": "stop1", "type": "stop" } ] },
                                         { "equals": 3, "steps": [ { "id": "fail1", "type": "fail", "message": "three" } ] } ],
                              "default": [] },
                            { "id": "approval1", "type": "approval", "message": "Go on?", "approvers": ["admin"],
                              "timeout": "P2D" } ] }
                        """));
    }

    @Test
    void aConnectorTriggerTakesAConnectionOfItsConnectorAndItsSettings() {
        TestUsers.User bea = new TestUsers(this::http).signUp("bea");
        TestHttp http = new TestUsers(this::http).as(bea);
        var feed = http.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testfeed",
                        "name",
                        "My feed",
                        "credentials",
                        Map.of("api_key", "k-123456", "feed_url", "http://127.0.0.1:9/feed")));
        assertThat(feed.status()).as(feed.toString()).isEqualTo(201);
        String feedId = feed.json().get("id").asString();
        var web = http.post("/api/v1/connections", Map.of("connector", "http", "name", "Web", "credentials", Map.of()));
        assertThat(web.status()).as(web.toString()).isEqualTo(201);
        logInInBrowser(bea.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/automations/new");
        type("#f-name", "Feed watcher");

        new Select(field("trigger.type")).selectByValue("testfeed.new_item");
        Select connection = new Select(field("trigger.connection"));
        assertThat(connection.getOptions())
                .extracting(WebElement::getText)
                .as("only connections of the trigger's connector")
                .containsExactly("Choose a connection", "My feed");
        connection.selectByValue(feedId);
        field("trigger.config.tag").sendKeys("news");
        field("trigger.interval").sendKeys("PT2M");
        field("trigger.expect.atLeastEvery").sendKeys("P1D");
        addStep("steps", "transform");
        setValue(field("steps[0].output"), "\"{{ event.title }}\"");
        $("#save").click();
        assertThat($("#done").getText()).isEqualTo("Saved.");
        String id = currentPath().split("/")[2];

        assertThat(http.get("/api/v1/workflows/" + id).json().get("definition"))
                .isEqualTo(JSON.readTree("""
                        { "name": "Feed watcher",
                          "trigger": { "type": "testfeed.new_item", "connection": "%s", "config": { "tag": "news" },
                                       "interval": "PT2M", "expect": { "atLeastEvery": "P1D" } },
                          "steps": [ { "id": "transform1", "type": "transform", "output": "{{ event.title }}" } ] }
                        """.formatted(feedId)));
        // the saved trigger comes back into its fields
        open("/automations/" + id + "/edit");
        assertThat(new Select(field("trigger.connection"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("My feed");
        assertThat(field("trigger.config.tag").getDomProperty("value")).isEqualTo("news");
    }

    @Test
    void everyKindOpensInItsFieldsAndSavesBackUnchanged() {
        TestUsers.User cy = new TestUsers(this::http).signUp("cy");
        TestHttp http = new TestUsers(this::http).as(cy);
        var child = http.post("/api/v1/workflows", Map.of("definition", JSON.readTree("""
                { "name": "Child", "trigger": { "type": "manual" }, "steps": [] }""")));
        assertThat(child.status()).as(child.toString()).isEqualTo(201);
        String childId = child.json().get("id").asString();
        assertThat(http.post("/api/v1/workflows/" + childId + "/publish", Map.of())
                        .status())
                .isEqualTo(200);
        var definition = JSON.readTree("""
                { "name": "Kinds", "trigger": { "type": "webhook", "respond": "last_step" },
                  "steps": [
                    { "id": "list", "type": "transform", "items": "{{ trigger.body.rows }}", "map": "{{ item.n }}" },
                    { "id": "think", "type": "ai", "prompt": "Sum {{ steps.list.output }}", "model": "atom/cheapest",
                      "schema": { "type": "object" } },
                    { "id": "sub", "type": "workflow", "workflow": "%s", "input": { "n": 1 }, "wait": false },
                    { "id": "call", "type": "action", "action": "http.request",
                      "input": { "method": "GET", "url": "https://example.com", "neverError": true },
                      "retry": { "max": 4 }, "timeout": "PT20S" },
                    { "id": "big", "type": "condition", "if": "{{ true }}",
                      "then": [ { "id": "wait", "type": "delay", "duration": "PT1M" } ], "else": [] },
                    { "id": "answer", "type": "respond", "status": 200, "body": { "ok": true } } ] }
                """.formatted(childId));
        var made = http.post("/api/v1/workflows", Map.of("definition", definition));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String id = made.json().get("id").asString();
        logInInBrowser(cy.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/automations/" + id + "/edit");

        assertThat(new Select(field("_mode.steps[0]")).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("list");
        assertThat(field("steps[0].map").getDomProperty("value")).isEqualTo("{{ item.n }}");
        assertThat(field("steps[1].prompt").getTagName()).isEqualTo("textarea");
        assertThat(field("steps[1].model").getDomAttribute("list")).isEqualTo("dl-steps[1].model");
        assertThat(new Select(field("steps[2].workflow"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Child");
        assertThat(field("steps[3].retry.max").getDomProperty("value")).isEqualTo("4");
        assertThat(new Select(field("steps[3].input.neverError"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("yes");
        $("#save").click();
        assertThat($("#done").getText()).isEqualTo("Saved.");
        assertThat(http.get("/api/v1/workflows/" + id).json().get("definition")).isEqualTo(definition);
    }

    private void click(String id) {
        driver().findElement(By.id(id)).click();
        waitForHtmx();
    }
}
