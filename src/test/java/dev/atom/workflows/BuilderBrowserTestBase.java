package dev.atom.workflows;

import dev.atom.testing.BrowserTestBase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** What the builder's browser tests do on its form: add steps, find a field by its definition path, type. */
abstract class BuilderBrowserTestBase extends BrowserTestBase {

    /** Adds a step of {@code type} to the list at {@code list} ({@code steps}, {@code steps[1].then}). */
    protected void addStep(String list, String type) {
        int before = all("li.step").size();
        new Select(driver().findElement(By.id("add-" + list))).selectByValue(type);
        driver().findElement(By.id("add-button-" + list)).click();
        waitUntil(d -> all("li.step").size() == before + 1);
        waitForHtmx();
    }

    /** The control that fills {@code path}, once htmx has settled the form. */
    protected WebElement field(String path) {
        waitForHtmx();
        return waitUntil(d -> d.findElement(By.id("f-" + path)));
    }
}
