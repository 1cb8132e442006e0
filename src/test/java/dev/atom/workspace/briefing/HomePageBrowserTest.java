package dev.atom.workspace.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import dev.atom.workspace.sync.SyncStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The home page is the briefing, in Chromium: meetings from a synced and the local calendar with a conflict and
 * free time, tasks from Atom and Jira, important unread mail, approvals, failures, connections; empty and
 * not-connected states, the day switcher by button and keyboard, the on-demand AI summary without a key, links
 * that open the message (and its summary) in the inbox and the meeting on the calendar, a bad date, a narrow
 * screen. Writes docs/screenshots/home.png (and home-narrow.png, inbox-summary.png).
 */
class HomePageBrowserTest extends BrowserTestBase {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<SyncStore> stores;

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

        var data = new BriefingFixtures(jdbc, stores);
        String ws = owner.workspaceId();
        String google = data.connection(ws, owner.id(), "google-calendar", "Hana's Google", "private");
        data.sync(
                ws,
                google,
                "google-calendar",
                "events",
                BriefingFixtures.event("e1", "Work", "Design review", at(9, 30), at(10, 30), true),
                BriefingFixtures.event("e2", "Work", "Vendor call", at(10, 0), at(11, 0), true));
        var lunch = api.post(
                "/api/v1/calendar/events",
                Map.of("calendar", "local", "title", "Lunch with Ada", "start", at(13, 0), "end", at(14, 0)));
        assertThat(lunch.status()).as(lunch.toString()).isEqualTo(201);
        String jira = data.connection(ws, owner.id(), "jira", "Acme Jira", "private");
        data.sync(
                ws,
                jira,
                "jira",
                "issues",
                BriefingFixtures.issue("ACME-7", "Fix the login", TODAY.minusDays(1), false, true));
        String gmail = data.connection(ws, owner.id(), "gmail", "Hana's Gmail", "private");
        data.sync(
                ws,
                gmail,
                "gmail",
                "messages",
                BriefingFixtures.mail("g1", "ada@example.com", "Ada Lovelace", "Contract signed?", at(7, 15), true));

        TestUsers.User ivan = users.invite("ivan", owner, "member");
        String ivans = data.connection(ws, ivan.id(), "gmail", "Ivan's Gmail", "private");
        data.sync(
                ws,
                ivans,
                "gmail",
                "messages",
                BriefingFixtures.mail("i1", "hr@example.com", "HR", "Ivan's salary", at(8, 0), true));

        logInInBrowser(owner.email(), TestUsers.PASSWORD);
        waitForPath("/");
        assertThat($("#briefing-heading").getText()).startsWith("Today, ");
        assertThat($(".briefing-zone").getText())
                .as("this test's times are UTC")
                .isEqualTo("UTC");
        assertThat($("#nav-home").getAttribute("href")).endsWith("/");
        assertThat($("#nav-tasks").isDisplayed()).as("tasks stay in the nav").isTrue();
        markPage();

        assertThat($("#summary-text").getText())
                .isEqualTo(
                        "3 meetings, first at 09:30 (2 conflicts); 2 tasks overdue; 1 important unread message;"
                                + " 1 approval waiting for you; 1 failed run since yesterday; 1 connection needs reconnecting.");
        assertThat(all("#section-meetings .item-title"))
                .extracting(e -> e.getText())
                .containsExactly("Design review", "Vendor call", "Lunch with Ada");
        assertThat(all("#section-meetings .badge-conflict")).hasSize(2);
        assertThat(all("#section-meetings .gaps li"))
                .extracting(e -> e.getText().replace('\n', ' '))
                .containsExactly("09:00–09:30 30 min", "11:00–13:00 2 h", "14:00–18:00 4 h");
        assertThat($("#section-tasks .count").getText()).isEqualTo("2");
        assertThat(all("#section-tasks .item-title"))
                .extracting(e -> e.getText())
                .containsExactly("Renew the domain", "Fix the login");
        assertThat(all("#section-tasks .badge")).extracting(e -> e.getText()).containsExactly("overdue", "overdue");
        assertThat($("#section-tasks .item-title").getAttribute("href")).contains("/tasks#task-");
        assertThat(all("#section-tasks .item-title").get(1).getAttribute("href"))
                .isEqualTo("https://acme.atlassian.net/browse/ACME-7");
        assertThat(all("#section-tasks .detail").get(0).getText()).isEqualTo("Jira");
        assertThat($("#section-messages .item-title").getText()).isEqualTo("Contract signed?");
        assertThat($("#section-messages .detail").getText()).isEqualTo("Ada Lovelace · Gmail");
        assertThat($("#section-approvals .item-title").getText()).isEqualTo("Refund request");
        assertThat($("#section-approvals .detail").getText()).isEqualTo("Refund 40 EUR to Ada?");
        assertThat($("#section-failedRuns .item-title").getAttribute("href")).endsWith("/runs/" + failedRun);
        assertThat($("#section-failedRuns .detail").getText()).contains("the CRM answered 503");
        assertThat($("#section-connections .item-title").getText()).isEqualTo("Billing API");
        Files.createDirectories(Path.of("docs/screenshots"));
        screenshot("docs/screenshots/home.png");

        // the next day by keyboard: the agenda task is due then, the domain one still overdue
        new Actions(driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        waitUntil(d -> $("#briefing-heading")
                .getText()
                .equals(BriefingText.heading(TODAY.plusDays(1)).replaceFirst(" \\d{4}$", "")));
        waitUntil(d -> $("#section-tasks .count").getText().equals("3"));
        assertThat(driver().getCurrentUrl()).endsWith("/?date=" + TODAY.plusDays(1));
        assertThat(all("#section-tasks .item-title"))
                .extracting(e -> e.getText())
                .containsExactly("Renew the domain", "Fix the login", "Prepare the offsite agenda");
        assertThat($("#section-meetings .section-empty").getText()).isEqualTo("No meetings today");
        assertThat($("#section-failedRuns .count").getText())
                .as("since yesterday, seen tomorrow")
                .isEqualTo("1");
        new Actions(driver()).sendKeys("t").perform();
        waitUntil(d -> $("#briefing-heading").getText().startsWith("Today, "));
        $("#day-previous").click();
        waitUntil(d -> !$("#briefing-heading").getText().startsWith("Today"));
        waitUntil(d -> $("#section-tasks .count").getText().equals("2"));
        assertThat(all("#section-tasks .badge"))
                .as("yesterday, the Jira issue was due that day, not overdue")
                .extracting(e -> e.getText())
                .containsExactly("overdue");
        $("#day-today").click();
        waitUntil(d -> $("#briefing-heading").getText().startsWith("Today, "));
        assertThat(pageWasNotReloaded()).as("days switch in place").isTrue();

        // the AI summary is optional: without a key the offline one stays, with the reason
        $("#summary-ai").click();
        assertThat($("#summary-ai-error").getText()).startsWith("No AI summary: ");
        assertThat($("#summary-text").getText()).startsWith("3 meetings, first at 09:30");

        // the message opens in the inbox, where its thread can be summarised (key sentences without a key)
        $("#section-messages .item-title").click();
        waitUntil(d -> currentPath().equals("/inbox"));
        assertThat($("#thread-subject").getText()).isEqualTo("Contract signed?");
        assertThat($("#inbox-sources").getText())
                .as("a colleague's private mailbox is not even named")
                .contains("Hana's Gmail")
                .doesNotContain("Ivan's Gmail");
        new Actions(driver()).sendKeys("s").perform(); // the Summarise button's key
        waitUntil(d -> !all("#thread-summary-text").isEmpty());
        assertThat($("#thread-summary-source").getText()).isEqualTo("Key sentences (no AI)");
        assertThat($("#thread-summary-text").getText())
                .isEqualTo("- Ada Lovelace: Hello. Contract signed? Please answer by Friday.");
        assertThat($("#thread-summary-ai-error").getText()).startsWith("No AI summary: ");
        screenshot("docs/screenshots/inbox-summary.png");

        // the meeting opens on the calendar's day, with its details
        open("/");
        waitUntil(d -> !all("#section-meetings .item-title").isEmpty());
        all("#section-meetings .item-title").get(1).click();
        waitUntil(d -> currentPath().equals("/calendar"));
        waitUntil(d -> $("#cal-event-heading").isDisplayed());
        assertThat($("#cal-event-heading").getText()).isEqualTo("Vendor call");
        assertThat($("#cal-event-conflicts").getText()).contains("overlaps");
        open("/");
        waitUntil(d -> !all("#section-meetings .item-title").isEmpty());

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
        assertThat($("#summary-text").getText()).isEqualTo("No meetings; nothing needs you.");
        assertThat($("#section-meetings .section-empty").getText()).isEqualTo("No meetings today");
        assertThat($("#section-messages .section-unavailable").getText()).startsWith("Not connected yet");
        assertThat($("#section-messages .section-unavailable a").getAttribute("href"))
                .endsWith("/connections");
        assertThat($("#section-tasks .section-empty").getText()).isEqualTo("Nothing due or overdue");
        assertThat($("#section-approvals .section-empty").getText()).isEqualTo("No approvals waiting for you");
        assertThat($("#section-failedRuns .section-empty").getText()).isEqualTo("No failed runs since yesterday");
        assertThat($("#section-connections .section-empty").getText()).isEqualTo("Every connection works");
        assertThat(all(".briefing-item")).isEmpty();
    }

    /** Today at hh:mm UTC, as the API takes it. */
    private static String at(int hour, int minute) {
        return TODAY.atTime(hour, minute).atOffset(ZoneOffset.UTC).toInstant().toString();
    }

    private static void task(TestHttp api, String title, String due) {
        var r = api.post("/api/v1/tasks", Map.of("title", title, "dueAt", due));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private void screenshot(String file) throws IOException {
        Files.write(Path.of(file), ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
    }
}
