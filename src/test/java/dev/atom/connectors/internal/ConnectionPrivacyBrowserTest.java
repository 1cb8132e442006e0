package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.Select;

/**
 * The Connections page shows who may use each connection (private or shared, whose), lets the owner change it in
 * place, and lists the direct action calls made on it, all through htmx.
 */
class ConnectionPrivacyBrowserTest extends BrowserTestBase {

    @Test
    void showsAndChangesVisibilityAndListsTheCallsMadeOnAConnection() throws Exception {
        String email = uniqueEmail("vera");
        signUpInBrowser("Vera", email, TestUsers.PASSWORD);
        waitForPath("/"); // home is the briefing
        open("/connections");
        $("#connections-empty");
        markPage();

        type("#catalog-q", "gmail");
        waitUntil(d -> all("#catalog .connector").size() == 1);
        type("#catalog-q", "http");
        waitUntil(d -> all("#catalog .connector").size() == 1);
        $("#connector-http .connector-connect").click();
        assertThat(new Select($("#connect-visibility")).getFirstSelectedOption().getAttribute("value"))
                .as("a service that reads no personal data is shared by default")
                .isEqualTo("shared");
        type("#connect-name", "Status page");
        new Select($("#connect-visibility")).selectByValue("private");
        $("#connect-submit").click();
        waitUntil(d -> all("#connection-list .connection").size() == 1);

        assertThat($("#connection-list .connection .connection-visibility").getText())
                .isEqualTo("private");
        assertThat($("#connection-list .connection .connection-owner").getText())
                .isEqualTo("yours");
        String id = $("#connection-list .connection").getAttribute("id").substring("connection-".length());

        new Select($("#visibility-" + id)).selectByValue("shared");
        waitUntil(d -> $("#connection-list .connection .connection-visibility")
                .getText()
                .equals("shared"));

        $("#connection-list .connection .connection-calls-toggle").click();
        $("#calls-" + id + " .connection-calls-empty");

        String token = new TestUsers(this::http).logIn(email).get("accessToken").asString();
        var call = http().bearer(token)
                .post(
                        "/api/v1/connections/" + id + "/actions/http.request",
                        Map.of("method", "GET", "url", "http://127.0.0.1:9/nothing"));
        assertThat(call.status()).isBetween(200, 599);

        $("#connection-list .connection .connection-calls-toggle").click();
        waitUntil(d -> all("#calls-" + id + " .connection-call").size() == 1);
        assertThat($("#calls-" + id + " .connection-call").getText())
                .contains("you")
                .contains("http.request");
        assertThat(pageWasNotReloaded()).as("the page was never reloaded").isTrue();

        Path shot = Path.of("docs/screenshots/connections-privacy.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
    }
}
