package dev.atom.workspace.calendar;

import static dev.atom.workspace.calendar.CalendarFixtures.connection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedEvent;
import dev.atom.shared.Ids;
import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The calendar page in headless Chromium: views, colours and toggles, conflicts, keyboard, dialogs, narrow screens. */
class CalendarPageBrowserTest extends BrowserTestBase {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore store;

    private TestUsers.User seeded() {
        TestUsers users = new TestUsers(this::http);
        TestUsers.User u = users.signUp("cal");
        String work = connection(jdbc, u.workspaceId(), Ids.newId(), u.id(), "google-calendar", "private");
        String home = connection(jdbc, u.workspaceId(), Ids.newId(), u.id(), "caldav", "private");
        store.apply(
                new SyncScope(u.workspaceId(), work, "google-calendar", "google-calendar.events"),
                List.of(
                        event(
                                "w1",
                                "work",
                                "Work",
                                "#0b8043",
                                "Sprint planning",
                                "2026-03-02T09:00:00Z",
                                "2026-03-02T10:30:00Z",
                                List.of()),
                        event(
                                "w2",
                                "work",
                                "Work",
                                "#0b8043",
                                "Standup",
                                "2026-03-03T08:30:00Z",
                                "2026-03-03T08:45:00Z",
                                List.of("RRULE:FREQ=DAILY;COUNT=4")),
                        event(
                                "w3",
                                "work",
                                "Work",
                                "#0b8043",
                                "Design review",
                                "2026-03-04T13:00:00Z",
                                "2026-03-04T14:00:00Z",
                                List.of())),
                Instant.now());
        store.apply(
                new SyncScope(u.workspaceId(), home, "caldav", "caldav.events"),
                List.of(
                        event(
                                "h1",
                                "home",
                                "Home",
                                "#d50000",
                                "Dentist",
                                "2026-03-02T10:00:00Z",
                                "2026-03-02T11:00:00Z",
                                List.of()),
                        event(
                                "h2",
                                "home",
                                "Home",
                                "#d50000",
                                "Yoga",
                                "2026-03-05T17:00:00Z",
                                "2026-03-05T18:00:00Z",
                                List.of())),
                Instant.now());
        var local = users.as(u)
                .post(
                        "/api/v1/calendar/events",
                        Map.of(
                                "calendar",
                                "local",
                                "title",
                                "Focus time",
                                "start",
                                "2026-03-06T09:00Z",
                                "end",
                                "2026-03-06T11:00Z"));
        assertThat(local.status()).isEqualTo(201);
        logInInBrowser(u.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        return u;
    }

    private static SyncChange event(
            String id,
            String cal,
            String calName,
            String color,
            String title,
            String start,
            String end,
            List<String> rules) {
        return new SyncChange.Upsert(new SyncedEvent(
                id,
                cal,
                calName,
                color,
                title,
                null,
                null,
                Instant.parse(start),
                Instant.parse(end),
                false,
                null,
                null,
                "UTC",
                null,
                null,
                rules,
                null,
                null,
                false,
                true,
                null,
                null,
                Instant.parse(start)));
    }

    private List<String> shown() {
        return all(".cal-event .t").stream().map(WebElement::getText).toList();
    }

    /** Time and date inputs take their value as the page's script would read it. */
    private void set(String css, String value) {
        js("arguments[0].value = arguments[1]", $(css), value);
    }

    private String dialogError() {
        return driver().findElement(By.id("cal-event-error")).getAttribute("textContent");
    }

    private void loaded() {
        waitUntil(d -> "false".equals($("#cal-grid").getAttribute("aria-busy")));
    }

    private void screenshot(String name) {
        Path target = Path.of("docs/screenshots", name);
        try {
            Files.createDirectories(target.getParent());
            Path shot = ((TakesScreenshot) driver())
                    .getScreenshotAs(OutputType.FILE)
                    .toPath();
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void weekAndMonthViewsShowEveryCalendarInItsColourWithConflictsAndToggles() {
        seeded();
        open("/calendar?view=week&date=2026-03-02");
        loaded();
        waitUntil(d -> shown().size() >= 9);
        assertThat(shown())
                .contains("Sprint planning", "Dentist", "Design review", "Yoga", "Focus time")
                .filteredOn("Standup"::equals)
                .hasSize(4);
        assertThat($("#nav-calendar").getAttribute("href")).endsWith("/calendar");
        WebElement dentist = driver().findElement(By.cssSelector(".cal-event.conflict[aria-label^='Dentist']"));
        assertThat(dentist.getAttribute("aria-label")).contains("conflicts");
        assertThat(dentist.getAttribute("style")).contains("#d50000");
        screenshot("calendar-week.png");

        // toggling Home hides its events
        driver().findElement(By.xpath("//ul[@id='cal-list']//label[contains(., 'Home')]/input"))
                .click();
        waitUntil(d -> !shown().contains("Dentist"));
        assertThat(shown()).doesNotContain("Yoga").contains("Sprint planning");
        driver().findElement(By.xpath("//ul[@id='cal-list']//label[contains(., 'Home')]/input"))
                .click();
        waitUntil(d -> shown().contains("Dentist"));

        // keyboard: m month, arrows move, d day, t today
        $("body").sendKeys("m");
        waitUntil(d -> !all(".cal-month .cal-cell").isEmpty());
        loaded();
        assertThat($("#cal-title").getText()).contains("2026");
        screenshot("calendar-month.png");
        $("body").sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        waitUntil(d -> $("#cal-title").getText().contains("April"));
        $("body").sendKeys("w");
        loaded();
        waitUntil(d -> $("#cal-empty").isDisplayed());
        assertThat($("#cal-empty").getText()).contains("Nothing planned");
    }

    @Test
    void createsMovesAndCancelsAnEventFromTheDialogsAndFindsATime() {
        seeded();
        open("/calendar?view=day&date=2026-03-02");
        loaded();
        waitUntil(d -> shown().contains("Dentist"));
        $("body").sendKeys("n");
        waitUntil(d -> $("#cal-event-dialog").isDisplayed());
        new org.openqa.selenium.support.ui.Select($("#cal-event-calendar")).selectByVisibleText("Atom");
        type("#cal-event-title", "Lunch with Ann");
        set("#cal-event-date", "2026-03-02");
        set("#cal-event-start", "10:15");
        set("#cal-event-end", "11:15");
        assertThat(js("const f = document.getElementById('cal-event-form'); return [...f.elements]"
                        + ".filter(e => !e.checkValidity()).map(e => e.id + '=' + e.value).join(',')"))
                .isEqualTo("");
        $("#cal-event-save").click();
        waitUntil(d -> shown().contains("Lunch with Ann") || !dialogError().isEmpty());
        assertThat(dialogError()).isEmpty();
        assertThat($("#cal-status").getText()).contains("overlaps").contains("Dentist");

        driver().findElement(By.cssSelector(".cal-event[aria-label^='Lunch with Ann']"))
                .click();
        waitUntil(d -> $("#cal-event-dialog").isDisplayed());
        set("#cal-event-start", "12:00");
        set("#cal-event-end", "13:00");
        $("#cal-event-save").click();
        waitUntil(d -> driver().findElement(By.cssSelector(".cal-event[aria-label^='Lunch with Ann']"))
                .getAttribute("aria-label")
                .contains("12:00"));

        driver().findElement(By.cssSelector(".cal-event[aria-label^='Lunch with Ann']"))
                .click();
        waitUntil(d -> $("#cal-event-dialog").isDisplayed());
        $("#cal-event-cancel-event").click();
        driver().switchTo().alert().accept();
        waitUntil(d -> !shown().contains("Lunch with Ann"));

        $("body").sendKeys("f");
        waitUntil(d -> $("#cal-find-dialog").isDisplayed());
        $("#cal-find-go").click();
        waitUntil(d -> !all("#cal-find-slots .slot").isEmpty()
                || $("#cal-find-slots").getText().contains("No free"));
        $("#cal-find-close").click();
    }

    @Test
    void aNarrowScreenShowsTheWeekAsAnAgenda() {
        seeded();
        driver().manage().window().setSize(new Dimension(390, 844));
        try {
            open("/calendar?view=week&date=2026-03-02");
            loaded();
            waitUntil(d -> !all(".cal-agenda li").isEmpty());
            assertThat(all(".cal-agenda h3")).hasSize(7);
            assertThat(shown()).contains("Sprint planning", "Focus time");
            screenshot("calendar-narrow.png");
        } finally {
            driver().manage().window().setSize(new Dimension(1280, 1000));
        }
    }
}
