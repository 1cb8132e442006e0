package dev.atom.ai.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The AI page in a real browser: add a key pointing at a WireMock OpenAI, test it and read each check, see a
 * failing test's exact reason, remove the key after confirming; all through htmx, without a page reload.
 */
class AiPageBrowserTest extends BrowserTestBase {
    private static final OpenAiStub OPENAI = new OpenAiStub();

    @AfterAll
    static void stopStub() {
        OPENAI.close();
    }

    @BeforeEach
    void resetStub() {
        OPENAI.reset();
    }

    private WebElement keyRow(String name) {
        return waitUntil(d -> all("li.ai-key").stream()
                .filter(li ->
                        li.findElement(By.cssSelector(".key-name")).getText().equals(name))
                .findFirst()
                .orElse(null));
    }

    @Test
    void addsTestsAndRemovesAKey() {
        signUpInBrowser("Kim", uniqueEmail("kim"), "correct horse battery staple");
        waitForPath("/");
        $("#nav-ai").click();
        waitForPath("/ai");
        $("#keys-empty");
        markPage();

        // Azure's extra fields show only for Azure
        assertThat($("#key-form").findElement(By.id("key-deployment")).isDisplayed())
                .isFalse();
        new Select($("#key-provider")).selectByValue("azure-openai");
        waitUntil(d -> d.findElement(By.id("key-deployment")).isDisplayed());
        new Select($("#key-provider")).selectByValue("openai");
        waitUntil(d -> !d.findElement(By.id("key-deployment")).isDisplayed());

        // a bad key is refused in place, and the typed key is not kept
        type("#key-api-key", "sk-with a space-0123456789");
        type("#key-base-url", "ftp://example.com");
        $("#add-key").click();
        WebElement errors = $("#key-errors");
        assertThat(errors.getText()).contains("API key must not contain spaces", "Base URL must start with http");
        assertThat($("#key-api-key").getDomProperty("value")).isEmpty();
        assertThat($("#key-base-url").getDomProperty("value")).isEqualTo("ftp://example.com");

        // add one pointing at the stub
        String secret = "sk-browser-0123456789abcdefWXYZ";
        type("#key-api-key", secret);
        type("#key-name", "Stub OpenAI");
        type("#key-base-url", OPENAI.baseUrl());
        $("#add-key").click();
        WebElement row = keyRow("Stub OpenAI");
        assertThat(row.findElement(By.cssSelector(".masked")).getText()).isEqualTo("sk-...WXYZ");
        assertThat(row.findElement(By.cssSelector(".provider")).getText()).isEqualTo("openai");
        waitUntil(d -> $("#key-api-key").getDomProperty("value").isEmpty());
        assertThat(driver().getPageSource()).doesNotContain(secret);

        // test it: every check passes
        OPENAI.models("gpt-5.6-luna").chatAnswers("gpt-5.6-luna");
        row.findElement(By.cssSelector(".key-test")).click();
        WebElement result = waitUntil(d -> {
            var found = d.findElements(By.cssSelector("li.ai-key .test-result"));
            return found.isEmpty() ? null : found.getFirst();
        });
        assertThat(result.getDomAttribute("class")).contains("ok");
        assertThat(result.getText()).contains("The key works", "reachable", "auth", "model", "gpt-5.6-luna");

        // the provider turns the key down: the exact reason shows
        OPENAI.reset();
        OPENAI.modelsFail(401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided.");
        keyRow("Stub OpenAI").findElement(By.cssSelector(".key-test")).click();
        waitUntil(d -> d.findElement(By.cssSelector("li.ai-key .test-result"))
                .getText()
                .contains("does not work"));
        WebElement failed = $("li.ai-key .test-result");
        assertThat(failed.getDomAttribute("class")).contains("failed");
        assertThat(failed.findElement(By.cssSelector(".error-code")).getText()).isEqualTo("invalid_api_key");
        assertThat(failed.getText()).contains("Incorrect API key provided");
        assertThat(failed.findElement(By.cssSelector("li[data-check=auth]")).getDomAttribute("class"))
                .contains("failed");

        // remove asks first; dismissing keeps the key
        keyRow("Stub OpenAI").findElement(By.cssSelector(".key-delete")).click();
        waitUntil(ExpectedConditions.alertIsPresent()).dismiss();
        waitForHtmx();
        assertThat(all("li.ai-key")).hasSize(1);
        keyRow("Stub OpenAI").findElement(By.cssSelector(".key-delete")).click();
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        $("#keys-empty");
        assertThat(all("li.ai-key")).isEmpty();
        assertThat(pageWasNotReloaded()).as("the page was never reloaded").isTrue();
        assertThat(all("#usage[hx-get='/ai/usage']")).hasSize(1);
    }
}
