package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The Connections page in a real browser: search the catalog, connect, test and remove, all through htmx. */
class ConnectionsPageBrowserTest extends BrowserTestBase {

    @Test
    void connectsTheHttpConnectorTestsItAndRemovesIt() {
        signUpInBrowser("Cora", uniqueEmail("cora"), TestUsers.PASSWORD);
        waitForPath("/");
        $("#nav-connections").click();
        waitForPath("/connections");
        $("#connections-empty");
        markPage();

        type("#catalog-q", "zzz-nothing");
        $("#catalog-empty");
        // a service with two ways to connect shows both: its key form, and (no OAuth app yet) Set up for the owner
        type("#catalog-q", "slack");
        waitUntil(d -> all("#catalog .connector").size() == 1);
        assertThat(all("#connector-slack .connector-connect[data-auth='oauth2']"))
                .isEmpty();
        assertThat($("#connector-slack .connector-setup").getText()).isEqualTo("Set up Slack");
        $("#connector-slack .connector-connect[data-auth='api_key']").click();
        assertThat($("#connect-form label[for='cred-bot_token']").getText()).isEqualTo("Bot token");
        assertThat(all("#connect-form input[name='auth']").getFirst().getAttribute("value"))
                .isEqualTo("api_key");
        type("#catalog-q", "http");
        waitUntil(d -> all("#catalog .connector").size() == 1);
        $("#connector-http .connector-connect").click();
        // Slack's form is still there until htmx swaps HTTP's in: wait for it, or typing hits the old one
        waitUntil(d -> {
            try {
                return "http"
                        .equals(d.findElement(By.cssSelector("#connect-form input[name='connector']"))
                                .getAttribute("value"));
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        // the server names a missing name too (the browser's own check is switched off to reach it)
        type("#connect-name", "");
        js("arguments[0].removeAttribute('required');", $("#connect-name"));
        $("#connect-submit").click();
        assertThat($("#connect-errors").getText()).contains("name is required");
        type("#connect-name", "Public APIs");
        $("#connect-submit").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("connect-form"), "Connected."));

        WebElement row = $("#connection-list .connection");
        assertThat(row.findElement(By.cssSelector(".connection-name")).getText())
                .isEqualTo("Public APIs");
        assertThat(row.findElement(By.cssSelector(".connection-status")).getText())
                .isEqualTo("connected");

        $("#connection-list .connection .connection-test").click();
        waitForHtmx();
        waitUntil(d ->
                $("#connection-list .connection .connection-checked").getText().startsWith("checked "));
        assertThat($("#connection-list .connection .connection-status").getText())
                .isEqualTo("connected");

        $("#connection-list .connection .connection-delete").click();
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        $("#connections-empty");
        assertThat(pageWasNotReloaded()).as("the page was never reloaded").isTrue();
    }
}
