package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Connect button of an OAuth service in a real browser: out to mock-oauth2-server and back connected. */
class OAuthConnectBrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void oauth(DynamicPropertyRegistry registry) {
        OAuthTestBase.oauthProperties(registry);
    }

    @Test
    void connectsThroughTheProviderAndSaysSo() {
        signUpInBrowser("Olga", uniqueEmail("olga"), TestUsers.PASSWORD);
        waitForPath("/");
        open("/connections");
        $("#connections-empty");

        $("#connector-testoauth .connector-connect").click();
        waitForPath("/connections");
        assertThat($("#oauth-outcome").getText()).isEqualTo("Connected Test OAuth service.");
        var row = $("#connection-list .connection");
        assertThat(row.getAttribute("data-connector")).isEqualTo("testoauth");
        assertThat(row.findElement(By.cssSelector(".connection-status")).getText())
                .isEqualTo("connected");
        assertThat(driver().getPageSource()).doesNotContain("eyJ"); // no JWT access token on the page
    }
}
