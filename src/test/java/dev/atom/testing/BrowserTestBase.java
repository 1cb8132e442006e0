package dev.atom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole application plus one headless Chromium per test class (quit after the class). Debian's chromium
 * and chromedriver are used by explicit path ({@code ATOM_TEST_CHROMIUM}, {@code ATOM_TEST_CHROMEDRIVER}
 * override them), so Selenium Manager never downloads anything. Cookies are cleared before each test.
 */
public abstract class BrowserTestBase extends AppTestBase {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static WebDriver driver;
    private static Path profile;

    @BeforeAll
    static void startBrowser() {
        try {
            profile = Files.createTempDirectory("atom-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @BeforeEach
    void freshSession() {
        driver.manage().deleteAllCookies();
    }

    protected WebDriver driver() {
        return driver;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void open(String path) {
        driver.get(url(path));
    }

    /** The path of the current page, without host and query. */
    protected String currentPath() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    protected WebElement $(String css) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    protected List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for a condition; on timeout the failure shows where the browser was and what it showed. */
    protected <T> T waitUntil(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT)
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "timed out at " + driver.getCurrentUrl() + "; the page showed:\n"
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    protected void waitForPath(String path) {
        waitUntil(d -> currentPath().equals(path));
    }

    /** Replaces what an input holds by typing {@code value} into it. */
    protected void setValue(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    protected void type(String css, String text) {
        WebElement input = $(css);
        input.clear();
        input.sendKeys(text);
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Sets a JS marker on the current page; {@link #pageWasNotReloaded()} is true while it survives. */
    protected void markPage() {
        js("window.__marker = 1;");
    }

    protected boolean pageWasNotReloaded() {
        return Long.valueOf(1).equals(js("return window.__marker === undefined ? null : window.__marker;"));
    }

    /** Waits until htmx has no request in flight (htmx marks busy elements with htmx-request). */
    protected void waitForHtmx() {
        waitUntil(d -> Boolean.TRUE.equals(js("return document.querySelectorAll('.htmx-request').length === 0;")));
    }

    /** Signs up through the sign-up page; Atom lands the new user in their workspace. */
    protected void signUpInBrowser(String name, String email, String password) {
        open("/signup");
        type("#name", name);
        type("#email", email);
        type("#password", password);
        $("#submit").click();
    }

    protected void logInInBrowser(String email, String password) {
        open("/login");
        type("#email", email);
        type("#password", password);
        $("#submit").click();
    }

    protected void signOutInBrowser() {
        $("#sign-out").click();
        waitForPath("/login");
    }

    /** A unique e-mail address, since all tests share one database. */
    protected static String uniqueEmail(String who) {
        return who + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }
}
