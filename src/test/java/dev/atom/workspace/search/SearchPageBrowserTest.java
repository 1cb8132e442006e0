package dev.atom.workspace.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;

/**
 * Search in a real browser: the header box on every page ({@code /} focuses it, Enter opens /search), results as
 * the user types, marked snippets, type filters, arrow-key navigation, the empty, no-results and error states,
 * and a narrow screen. Writes docs/screenshots/search.png.
 */
class SearchPageBrowserTest extends BrowserTestBase {

    private void createTask(String title) {
        type("#new-title", title);
        $("#create-task").click();
        waitUntil(d -> !all("#task-list li.task").isEmpty()
                && d.findElement(By.id("task-list")).getText().contains(title));
    }

    /** Re-runs the typed search until the hits are there (the index follows changes off the request thread). */
    private void awaitHits(int count) {
        waitUntil(d -> {
            if (all("#search-results .hit").size() >= count
                    && all("#search-indexing").isEmpty()) {
                return true;
            }
            js("htmx.trigger('#search-form', 'submit');");
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return false;
        });
    }

    @Test
    void searchesFromTheHeaderWithMarkedSnippetsFiltersKeyboardAndStates() throws Exception {
        signUpInBrowser("Quinn", uniqueEmail("quinn"), TestUsers.PASSWORD);
        waitForPath("/"); // home is the daily briefing now
        open("/tasks");
        createTask("Prepare the quarterly budget review");
        createTask("Budget approval for the offsite");
        createTask("Book flights to Lisbon");

        // "/" focuses the header box from any page; Enter goes to /search?q=
        $("body").sendKeys("/");
        waitUntil(d -> "header-search".equals(d.switchTo().activeElement().getAttribute("id")));
        driver().switchTo().activeElement().sendKeys("budget", Keys.ENTER);
        waitForPath("/search");
        assertThat($("#search-q").getDomProperty("value")).isEqualTo("budget");
        awaitHits(2);
        assertThat(all("#search-results .hit-title"))
                .extracting(WebElement::getText)
                .containsExactlyInAnyOrder("Prepare the quarterly budget review", "Budget approval for the offsite");
        assertThat($("#search-results .hit-group h2").getText()).isEqualTo("Tasks");

        // typos still find it, and the match is marked
        setValue($("#search-q"), "budgte");
        awaitHits(2);
        assertThat(all("#search-results .hit-title")).hasSize(2);

        // arrow keys move through the hits, Enter opens one
        $("#search-q").sendKeys(Keys.ARROW_DOWN);
        waitUntil(d -> d.switchTo().activeElement().getAttribute("class").contains("hit-title"));
        driver().switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        WebElement second = all("#search-results .hit-title").get(1);
        waitUntil(d -> d.switchTo().activeElement().equals(second));

        // a type filter with no hits, then the no-results and error states
        open("/search?q=budget&type=workflow");
        assertThat($("#type-filters a.active").getText()).isEqualTo("Workflows");
        assertThat($("#search-none").getText()).contains("No results for budget");
        open("/search?q=" + java.net.URLEncoder.encode("type:bogus budget", "UTF-8"));
        assertThat($("#search-error").getText()).contains("unknown type:bogus");
        open("/search");
        assertThat($("#search-empty").getText()).contains("Search everything");

        // the picture for the docs: hits with marked snippets
        open("/search?q=budget");
        awaitHits(2);
        Path shot =
                ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE).toPath();
        Path docs = Path.of("docs/screenshots");
        Files.createDirectories(docs);
        Files.copy(shot, docs.resolve("search.png"), StandardCopyOption.REPLACE_EXISTING);

        // narrow screen: the header box and hits stay usable, nothing overflows sideways
        driver().manage().window().setSize(new Dimension(390, 844));
        try {
            open("/search?q=budget");
            awaitHits(2);
            assertThat($("#header-search").isDisplayed()).isTrue();
            Path narrow = ((TakesScreenshot) driver())
                    .getScreenshotAs(OutputType.FILE)
                    .toPath();
            Files.copy(narrow, docs.resolve("search-narrow.png"), StandardCopyOption.REPLACE_EXISTING);
            assertThat(js("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("sideways overflow in px (negative: a vertical scrollbar takes its width)")
                    .isInstanceOfSatisfying(Long.class, px -> assertThat(px).isLessThanOrEqualTo(0L));
        } finally {
            driver().manage().window().setSize(new Dimension(1280, 1000));
        }
    }
}
