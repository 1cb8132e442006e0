package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The tasks page in a real browser: every change goes through htmx, and the page itself never reloads. */
class TasksPageBrowserTest extends BrowserTestBase {

    @Test
    void createsEditsCompletesFiltersAndDeletesTasksWithoutReloadingThePage() {
        String email = uniqueEmail("tess");
        signUpInBrowser("Tess", email, TestUsers.PASSWORD);
        waitForPath("/"); // home is the briefing; the tasks are one click away
        assertThat($("#nav-home").getAttribute("aria-current")).isEqualTo("page");
        $("#nav-tasks").click();
        waitForPath("/tasks");
        assertThat($("#nav-tasks").getAttribute("aria-current"))
                .as("the nav marks the page's section")
                .isEqualTo("page");
        assertThat($("#nav-home").getAttribute("aria-current")).isNull();
        $("#task-list");
        markPage();

        // create, with due date-time, priority and tags
        type("#new-title", "Write the board report");
        js("arguments[0].value = '2026-11-25T15:00';", $("#new-due"));
        new Select($("#new-priority")).selectByValue("high");
        type("#new-tags", "work, q4, work");
        $("#create-task").click();
        WebElement report = row("Write the board report");
        assertThat(report.findElement(By.cssSelector(".priority")).getText()).isEqualTo("high");
        assertThat(report.findElement(By.cssSelector(".due")).getText()).contains("25 Nov 2026, 15:00");
        assertThat(report.findElements(By.cssSelector(".tag")))
                .extracting(WebElement::getText)
                .containsExactly("work", "q4");
        waitUntil(d -> $("#new-title").getDomProperty("value").isEmpty());

        type("#new-title", "Buy milk");
        type("#new-tags", "home");
        $("#create-task").click();
        row("Buy milk");
        waitUntil(d -> titles().size() == 2);

        // validation problems are shown in place, and the typed values stay
        type("#new-tags", "x".repeat(51));
        $("#create-task").click();
        WebElement errors = $("#create-errors");
        assertThat(errors.getText()).contains("Title is required").contains("Tags must be 1 to 50 characters");
        assertThat($("#new-title").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat($("#new-tags").getDomProperty("value")).isEqualTo("x".repeat(51));
        assertThat(titles()).hasSize(2);

        // inline edit: cancel keeps the row, save changes it
        row("Write the board report").findElement(By.cssSelector(".task-edit")).click();
        $("li.task.editing .task-cancel").click();
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("li.task.editing")));
        row("Write the board report").findElement(By.cssSelector(".task-edit")).click();
        WebElement title = $("li.task.editing .edit-title");
        assertThat($("li.task.editing .edit-due").getDomProperty("value")).isEqualTo("2026-11-25T15:00");
        title.clear();
        $("li.task.editing .task-save").click();
        assertThat($("li.task.editing .errors").getText()).contains("Title is required");
        $("li.task.editing .edit-title").sendKeys("Write the final board report");
        $("li.task.editing .edit-project").sendKeys("Board");
        $("li.task.editing .task-save").click();
        WebElement edited = row("Write the final board report");
        assertThat(edited.findElement(By.cssSelector(".project")).getText()).isEqualTo("Board");
        assertThat(edited.findElement(By.cssSelector(".due")).getText()).contains("25 Nov 2026, 15:00");

        // complete with the checkbox
        row("Buy milk").findElement(By.cssSelector(".task-toggle")).click();
        waitUntil(d -> row("Buy milk").getDomAttribute("class").contains("done"));
        assertThat(row("Buy milk").findElement(By.cssSelector(".task-toggle")).isSelected())
                .isTrue();

        // filters refresh only the list
        new Select($("#filter-status")).selectByValue("done");
        waitForTitles("Buy milk");
        new Select($("#filter-status")).selectByValue("todo,doing");
        waitForTitles("Write the final board report");
        new Select($("#filter-status")).selectByValue("");
        waitForTitles("Buy milk", "Write the final board report");
        type("#filter-tag", "q4");
        waitForTitles("Write the final board report");
        clearFilter("#filter-tag");
        waitForTitles("Buy milk", "Write the final board report");
        type("#filter-q", "MILK");
        waitForTitles("Buy milk");
        type("#filter-q", "nothing like this");
        waitUntil(d -> all("#tasks-empty").size() == 1);
        clearFilter("#filter-q");
        waitForTitles("Buy milk", "Write the final board report");

        // reopen
        row("Buy milk").findElement(By.cssSelector(".task-toggle")).click();
        waitUntil(d -> !row("Buy milk").getDomAttribute("class").contains("done"));

        // delete asks first; dismissing keeps the task
        row("Buy milk").findElement(By.cssSelector(".task-delete")).click();
        waitUntil(ExpectedConditions.alertIsPresent()).dismiss();
        waitForHtmx();
        assertThat(titles()).contains("Buy milk");
        row("Buy milk").findElement(By.cssSelector(".task-delete")).click();
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        waitForTitles("Write the final board report");

        assertThat(pageWasNotReloaded()).as("the page was never reloaded").isTrue();

        // everything is still there after signing out and in again
        signOutInBrowser();
        logInInBrowser(email, TestUsers.PASSWORD);
        waitForPath("/");
        open("/tasks");
        waitForTitles("Write the final board report");
        WebElement kept = row("Write the final board report");
        assertThat(kept.findElement(By.cssSelector(".priority")).getText()).isEqualTo("high");
        assertThat(kept.findElements(By.cssSelector(".tag")))
                .extracting(WebElement::getText)
                .containsExactly("work", "q4");
        assertThat(kept.findElement(By.cssSelector(".project")).getText()).isEqualTo("Board");
    }

    /** Empties a filter field the way the search box's clear button does: one change event, no typing. */
    private void clearFilter(String css) {
        js("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", $(css));
    }

    private List<String> titles() {
        return all("#task-list li.task .title").stream()
                .map(WebElement::getText)
                .toList();
    }

    private void waitForTitles(String... expected) {
        waitUntil(d -> titles().stream().sorted().toList().equals(List.of(expected)));
        waitForHtmx();
    }

    /** The row of the task with this title, once it is shown. */
    private WebElement row(String title) {
        return waitUntil(d -> all("#task-list li.task").stream()
                .filter(li -> li.findElements(By.cssSelector(".title")).stream()
                        .anyMatch(t -> t.getText().equals(title)))
                .findFirst()
                .orElse(null));
    }
}
