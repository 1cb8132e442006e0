package dev.atom.workspace.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.interactions.Actions;

/**
 * The home page is the briefing, in Chromium: sections with counts and links, empty and not-connected states,
 * the day switcher by button and keyboard, the on-demand AI summary without a key, a bad date, a narrow screen.
 * Writes docs/screenshots/home.png (and home-narrow.png).
 */
class HomePageBrowserTest extends BrowserTestBase {
    // headless Chromium runs in the machine's zone; the test reads the day the page shows rather than assume one
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void theHomePageShowsTheDayAndSwitchesDays() throws IOException {
        var users = new TestUsers(this::http);
        TestUsers.User owner = users.signUp("hana");
        TestHttp api = users.as(owner);
        task(api, "Renew the domain", TODAY.minusDays(2) + "T10:00:00Z");
        task(api, "Prepare the offsite agenda", TODAY.plusDays(1) + "T12:00:00Z");
        var flows = new WorkflowTestSupport(api);
        String approval = flows.createAndPublish("""
                { "name": "Refund request", "trigger": { "type": "manual" },
                  "steps": [ { "id": "ask", "type": "approval", "message": "Refund 40 EUR to Ada?" } ] }
                """);
        flows.awaitStatus(flows.start(approval, Map.of()), "waiting");
        String failing = flows.createAndPublish("""
                { "name": "Nightly CRM export", "trigger": { "type": "manual" },
                  "steps": [ { "id": "export", "type": "fail", "message": "the CRM answered 503" } ] }
                """);
        String failedRun = flows.start(failing, Map.of());
        flows.awaitEnd(failedRun);
        var key = api.post(
                "/api/v1/connections",
                Map.of(
                        "connector",
                        "testkey",
                        "name",
                        "Billing API",
                        "credentials",
                        Map.of("api_key", "good-key", "account", "a")));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        api.post(
                "/api/v1/connections/" + key.json().get("id").asString() + "/actions/testkey.check_key",
                Map.of("mode", "revoke"));

        logInInBrowser(owner.email(), TestUsers.PASSWORD);
        waitForPath("/");
        assertThat($("#briefing-heading").getText()).startsWith("Today, ");
        assertThat($("#nav-home").getAttribute("href")).endsWith("/");
        assertThat($("#nav-tasks").isDisplayed()).as("tasks stay in the nav").isTrue();
        markPage();

        assertThat($("#summary-text").getText())
                .isEqualTo("1 task overdue; 1 approval waiting for you; 1 failed run since yesterday;"
                        + " 1 connection needs reconnecting.");
        assertThat($("#section-tasks .count").getText()).isEqualTo("1");
        assertThat($("#section-tasks .item-title").getText()).isEqualTo("Renew the domain");
        assertThat($("#section-tasks .badge").getText()).isEqualTo("overdue");
        assertThat($("#section-tasks .item-title").getAttribute("href")).contains("/tasks#task-");
        assertThat($("#section-approvals .item-title").getText()).isEqualTo("Refund request");
        assertThat($("#section-approvals .detail").getText()).isEqualTo("Refund 40 EUR to Ada?");
        assertThat($("#section-failedRuns .item-title").getAttribute("href")).endsWith("/runs/" + failedRun);
        assertThat($("#section-failedRuns .detail").getText()).contains("the CRM answered 503");
        assertThat($("#section-connections .item-title").getText()).isEqualTo("Billing API");
        assertThat($("#section-meetings .section-unavailable").getText()).isEqualTo("Not connected yet");
        assertThat($("#section-messages .section-unavailable").getText()).isEqualTo("Not connected yet");
        Files.createDirectories(Path.of("docs/screenshots"));
        screenshot("docs/screenshots/home.png");

        // the next day by keyboard: the agenda task is due then, the domain one still overdue
        new Actions(driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        waitUntil(d -> $("#briefing-heading")
                .getText()
                .equals(BriefingText.heading(TODAY.plusDays(1)).replaceFirst(" \\d{4}$", "")));
        waitUntil(d -> $("#section-tasks .count").getText().equals("2"));
        assertThat(driver().getCurrentUrl()).endsWith("/?date=" + TODAY.plusDays(1));
        assertThat(all("#section-tasks .item-title"))
                .extracting(e -> e.getText())
                .containsExactly("Renew the domain", "Prepare the offsite agenda");
        assertThat($("#section-failedRuns .count").getText())
                .as("since yesterday, seen tomorrow")
                .isEqualTo("1");
        new Actions(driver()).sendKeys("t").perform();
        waitUntil(d -> $("#briefing-heading").getText().startsWith("Today, "));
        $("#day-previous").click();
        waitUntil(d -> !$("#briefing-heading").getText().startsWith("Today"));
        waitUntil(d -> $("#section-tasks .count").getText().equals("1"));
        $("#day-today").click();
        waitUntil(d -> $("#briefing-heading").getText().startsWith("Today, "));
        assertThat(pageWasNotReloaded()).as("days switch in place").isTrue();

        // the AI summary is optional: without a key the offline one stays, with the reason
        $("#summary-ai").click();
        assertThat($("#summary-ai-error").getText()).startsWith("No AI summary: ");
        assertThat($("#summary-text").getText()).startsWith("1 task overdue");

        // a narrow screen: one column, nothing wider than the screen
        driver().manage().window().setSize(new Dimension(390, 1100));
        waitUntil(d -> (Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth;"));
        screenshot("docs/screenshots/home-narrow.png");
        driver().manage().window().setSize(new Dimension(1280, 1000));

        // a bad date says so in place and offers today
        open("/?date=2026-13-40");
        assertThat($("#briefing-problem").getText()).contains("Date must be a date");
    }

    @Test
    void aNewPersonSeesEmptyStates() {
        var users = new TestUsers(this::http);
        TestUsers.User owner = users.signUp("ivo");
        logInInBrowser(owner.email(), TestUsers.PASSWORD);
        waitForPath("/");
        assertThat($("#summary-text").getText()).isEqualTo("Nothing needs you.");
        assertThat($("#section-tasks .section-empty").getText()).isEqualTo("Nothing due or overdue");
        assertThat($("#section-approvals .section-empty").getText()).isEqualTo("No approvals waiting for you");
        assertThat($("#section-failedRuns .section-empty").getText()).isEqualTo("No failed runs since yesterday");
        assertThat($("#section-connections .section-empty").getText()).isEqualTo("Every connection works");
        assertThat(all(".briefing-item")).isEmpty();
    }

    private static void task(TestHttp api, String title, String due) {
        var r = api.post("/api/v1/tasks", Map.of("title", title, "dueAt", due));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private void screenshot(String file) throws IOException {
        Files.write(Path.of(file), ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
    }
}
