package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Connections -> Set up in Chromium: an owner registers GitHub's OAuth app from the panel (redirect URI with a
 * Copy button, the steps from docs/connectors.md, the scopes and why), the catalog then offers Connect; the
 * environment's app shows as such; a member sees "Ask an admin" for a service nobody set up and no Set up
 * buttons. Writes docs/screenshots/connections-oauth-setup.png.
 */
class OAuthAppSetupBrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void oauth(DynamicPropertyRegistry registry) {
        OAuthTestBase.oauthProperties(registry); // testoauth's app comes from the environment
    }

    @Test
    void anOwnerSetsUpGitHubAndAMemberIsToldToAskAnAdmin() throws IOException {
        TestUsers users = new TestUsers(this::http);
        var owner = users.signUp("olga");
        var member = users.invite("milo", owner, "member");
        logInInBrowser(owner.email(), TestUsers.PASSWORD);
        waitForPath("/");
        open("/connections");

        assertThat($("#connector-testoauth .connector-oauth-source").getText()).isEqualTo("set by the environment");
        assertThat(all("#connector-github .connector-connect[data-auth='oauth2']"))
                .as("no Connect button before GitHub has an app")
                .isEmpty();
        var setUp = $("#connector-github .connector-setup");
        assertThat(setUp.getText()).isEqualTo("Set up GitHub");
        setUp.click();

        var redirect = $("#oauth-redirect-uri");
        assertThat(redirect.getAttribute("value")).isEqualTo(url(OAuthFlow.CALLBACK_PATH));
        assertThat($("#oauth-app-source").getText()).startsWith("Not set up yet");
        waitUntil(d -> !d.findElements(By.cssSelector("#oauth-app-steps ol li")).isEmpty());
        assertThat($("#oauth-app-steps").getText()).contains("New OAuth App", "Authorization callback URL");
        assertThat($("#oauth-app-guide-link").getAttribute("href")).endsWith("/connections/oauth-app/github/guide");
        assertThat($("#oauth-app-scopes").getText()).contains("repo", "read:user", "show which GitHub account");
        $("#oauth-redirect-copy").click();
        waitUntil(d -> !d.findElement(By.cssSelector("#oauth-app-panel .copy-done"))
                .getText()
                .isEmpty());
        assertThat(js("const i = document.getElementById('oauth-redirect-uri');"
                        + " return i.value.substring(i.selectionStart, i.selectionEnd);"))
                .as("the redirect URI is selected for copying")
                .isEqualTo(url(OAuthFlow.CALLBACK_PATH));

        type("#oauth-client-id", "Iv1.owner-app");
        type("#oauth-client-secret", "gh-owner-secret");
        $("#oauth-app-save").click();
        assertThat($("#oauth-app-saved").getText()).contains("Saved", "connect GitHub");
        assertThat($("#oauth-app-source").getText()).contains("Set for this workspace", "Iv1.owner-app");
        assertThat(driver().getPageSource()).doesNotContain("gh-owner-secret");
        waitUntil(d -> !d.findElements(By.cssSelector("#connector-github .connector-connect[data-auth='oauth2']"))
                .isEmpty());
        assertThat($("#connector-github .connector-oauth-source").getText()).isEqualTo("set for this workspace");
        js("document.getElementById('oauth-app-panel').scrollIntoView()");
        Files.createDirectories(Path.of("docs/screenshots"));
        Files.write(
                Path.of("docs/screenshots/connections-oauth-setup.png"),
                ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));

        open("/connections/oauth-app/github/guide");
        waitUntil(d -> !d.findElements(By.cssSelector("#guide-steps ol li")).isEmpty());
        assertThat($("#guide-redirect-uri").getText()).isEqualTo(url(OAuthFlow.CALLBACK_PATH));

        signOutInBrowser();
        logInInBrowser(member.email(), TestUsers.PASSWORD);
        waitForPath("/");
        open("/connections");
        assertThat($("#connector-dropbox .connector-ask").getText()).isEqualTo("Ask an admin to set up Dropbox.");
        assertThat(all("#connector-dropbox .connector-connect")).isEmpty();
        assertThat(all(".connector-setup")).as("members set nothing up").isEmpty();
        assertThat(all("#connector-github .connector-connect[data-auth='oauth2']"))
                .as("the workspace's app lets the member connect GitHub")
                .hasSize(1);
        assertThat($("#connector-gmail .connector-ask").getText())
                .isEqualTo("Ask an admin to set up Gmail, or connect alone (beside).");

        // ...and can connect Gmail alone: the E-mail connector with Gmail's servers filled in and the steps
        $("#connector-gmail .connector-alone").click();
        waitUntil(d -> !d.findElements(By.cssSelector("#connect-steps ol li")).isEmpty());
        assertThat(driver().findElement(By.cssSelector("#connect-form input[name='connector']"))
                        .getAttribute("value"))
                .isEqualTo("email");
        assertThat($("#cred-imap_host").getAttribute("value")).isEqualTo("imap.gmail.com");
        assertThat($("#cred-smtp_host").getAttribute("value")).isEqualTo("smtp.gmail.com");
        assertThat($("#cred-password").getAttribute("value")).isEmpty();
        assertThat($("#connect-name").getAttribute("value")).isEqualTo("Gmail");
        assertThat($("#connect-steps").getText()).contains("app password", "2-Step Verification");
        // a service with its own token way shows that way's steps in its form
        $("#connector-github .connector-connect[data-auth='api_key']").click();
        waitUntil(d -> d.findElement(By.cssSelector("#connect-steps")).getText().contains("Fine-grained")
                || d.findElement(By.cssSelector("#connect-steps")).getText().contains("fine-grained"));
    }
}
