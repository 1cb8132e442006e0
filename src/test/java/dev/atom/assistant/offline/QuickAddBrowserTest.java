package dev.atom.assistant.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

/**
 * The quick-add boxes of /tasks and /calendar in headless Chromium, the browser in New York: typing pre-fills the
 * preview (and the task form), Enter adds with the right due or start, Esc clears; read back through the API.
 */
class QuickAddBrowserTest extends BrowserTestBase {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private TestUsers.User signedInInNewYork() {
        TestUsers.User u = new TestUsers(this::http).signUp("quick");
        ((ChromeDriver) driver())
                .executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", NEW_YORK.getId()));
        logInInBrowser(u.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        return u;
    }

    private void waitForPreview(String state, String text) {
        try {
            waitUntil(d -> $("#quick-add-preview").getAttribute("class").contains(state)
                    && $("#quick-add-preview").getText().contains(text));
        } catch (AssertionError e) {
            throw new AssertionError(
                    "preview never " + state + " with " + text + ": "
                            + js("return document.getElementById('quick-add-preview').outerHTML"),
                    e);
        }
    }

    @Test
    void aTaskIsPreviewedFilledInAndAddedWithItsDueInTheBrowsersZone() {
        TestUsers.User u = signedInInNewYork();
        open("/tasks");
        assertThat(js("return Intl.DateTimeFormat().resolvedOptions().timeZone"))
                .isEqualTo(NEW_YORK.getId());
        waitForPreview("empty", "Enter adds");
        LocalDate tomorrow = LocalDate.now(NEW_YORK).plusDays(1);

        $("#quick-add-input").sendKeys("call Dana tomorrow at 3pm !high");
        waitForPreview("ready", "call Dana");
        assertThat($("#quick-add-preview").getText()).contains("high");
        assertThat($("#new-title").getDomProperty("value")).isEqualTo("call Dana");
        assertThat($("#new-due").getDomProperty("value")).isEqualTo(tomorrow + "T15:00");
        assertThat($("#new-priority").getDomProperty("value")).isEqualTo("high");
        screenshot("quick-add-task.png");

        $("#quick-add-input").sendKeys(Keys.ENTER);
        waitForPreview("added", "Added “call Dana”");
        waitUntil(d -> $("#task-list").getText().contains("call Dana"));
        assertThat($("#quick-add-input").getDomProperty("value")).isEmpty();
        JsonNode task = new TestUsers(this::http)
                .as(u)
                .get("/api/v1/tasks")
                .json()
                .get("items")
                .get(0);
        assertThat(task.get("title").asString()).isEqualTo("call Dana");
        assertThat(task.get("priority").asString()).isEqualTo("high");
        assertThat(OffsetDateTime.parse(task.get("dueAt").asString()).toInstant())
                .isEqualTo(ZonedDateTime.of(tomorrow, LocalTime.of(15, 0), NEW_YORK)
                        .toInstant());

        $("#quick-add-input").sendKeys("buy milk");
        waitForPreview("ready", "buy milk");
        assertThat($("#new-title").getDomProperty("value")).isEqualTo("buy milk");
        $("#quick-add-input").sendKeys(Keys.ESCAPE);
        waitForPreview("empty", "Enter adds");
        assertThat($("#quick-add-input").getDomProperty("value")).isEmpty();
        assertThat($("#new-title").getDomProperty("value")).isEmpty();

        driver().manage().window().setSize(new Dimension(390, 844));
        try {
            $("#quick-add-input").sendKeys("pay rent friday urgent");
            waitForPreview("ready", "pay rent");
            assertThat($("#quick-add-button").getRect().getWidth()).isGreaterThan(300); // full width, under the box
            screenshot("quick-add-task-narrow.png");
        } finally {
            driver().manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void anEventIsPreviewedAndAddedToTheAtomCalendar() {
        TestUsers.User u = signedInInNewYork();
        open("/calendar");
        waitForPreview("empty", "Enter adds");
        LocalDate tomorrow = LocalDate.now(NEW_YORK).plusDays(1);

        $("#quick-add-input").sendKeys("team lunch");
        waitForPreview("incomplete", "Say when");
        $("#quick-add-input").sendKeys(Keys.ENTER);
        assertThat($("#quick-add-input").getDomProperty("value")).isEqualTo("team lunch"); // nothing added
        $("#quick-add-input").sendKeys(Keys.ESCAPE);

        $("#quick-add-input").sendKeys("block 2 hours for deep work tomorrow at 9");
        waitForPreview("ready", "deep work");
        assertThat($("#quick-add-preview").getText()).contains("2 h");
        screenshot("quick-add-event.png");
        $("#quick-add-input").sendKeys(Keys.ENTER);
        waitForPreview("added", "Added “deep work”");

        JsonNode events = new TestUsers(this::http)
                .as(u)
                .get("/api/v1/calendar/events?from=" + tomorrow + "&to=" + tomorrow.plusDays(1) + "&timeZone="
                        + NEW_YORK.getId())
                .json()
                .get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("title").asString()).isEqualTo("deep work");
        assertThat(OffsetDateTime.parse(events.get(0).get("start").asString()).toInstant())
                .isEqualTo(
                        ZonedDateTime.of(tomorrow, LocalTime.of(9, 0), NEW_YORK).toInstant());
        assertThat(OffsetDateTime.parse(events.get(0).get("end").asString()).toInstant())
                .isEqualTo(ZonedDateTime.of(tomorrow, LocalTime.of(11, 0), NEW_YORK)
                        .toInstant());
        if (tomorrow.getDayOfWeek() != java.time.DayOfWeek.MONDAY) { // the week shown is today's: it reloaded itself
            waitUntil(d -> $("#cal-grid").getText().contains("deep work"));
        }
        open("/calendar?view=day&date=" + tomorrow);
        waitUntil(d -> $("#cal-grid").getText().contains("deep work"));
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
}
