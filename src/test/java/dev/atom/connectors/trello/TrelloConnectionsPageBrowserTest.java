package dev.atom.connectors.trello;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.connectors.trello.TrelloConnectorTest.BASE;
import static dev.atom.connectors.trello.TrelloConnectorTest.KEY;
import static dev.atom.connectors.trello.TrelloConnectorTest.TOKEN;
import static dev.atom.testing.StubbedServiceTestBase.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Connections page with an API-key service in a real browser: Trello (key and token typed into the key
 * form) against the WireMock stub, connected, tested (the health call reaches the stub) and removed.
 */
class TrelloConnectionsPageBrowserTest extends BrowserTestBase {

    @DynamicPropertySource
    static void stubbedServices(DynamicPropertyRegistry registry) {
        StubbedServiceTestBase.stubbedServices(registry);
    }

    @BeforeEach
    void stubTrello() {
        STUB.resetAll();
        STUB.stubFor(get(urlPathEqualTo(BASE + "/members/me"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"id\":\"m1\",\"username\":\"tessa\",\"fullName\":\"Tessa T\"}")));
    }

    @AfterEach
    void everyRequestIsOneTrelloAccepts() {
        TrelloConnectorTest.contract().assertRequestsValid(STUB, BASE);
    }

    private int healthCalls() {
        return STUB.findAll(getRequestedFor(urlPathEqualTo(BASE + "/members/me"))
                        .withQueryParam("key", equalTo(KEY))
                        .withQueryParam("token", equalTo(TOKEN)))
                .size();
    }

    @Test
    void connectsTrelloWithAKeyAndTokenTestsItAndRemovesIt() {
        signUpInBrowser("Tessa", uniqueEmail("tessa"), TestUsers.PASSWORD);
        waitForPath("/");
        open("/connections");
        $("#connections-empty");
        markPage();

        type("#catalog-q", "trello");
        waitUntil(d -> all("#catalog .connector").size() == 1);
        $("#connector-trello .connector-connect").click();
        type("#connect-name", "Boards");
        type("#cred-api_key", KEY);
        type("#cred-token", TOKEN);
        assertThat($("#cred-token").getAttribute("type")).isEqualTo("password");
        $("#connect-submit").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("connect-form"), "Connected."));
        assertThat(healthCalls()).as("connecting checks the key and token").isEqualTo(1);

        WebElement row = $("#connection-list .connection");
        assertThat(row.getAttribute("data-connector")).isEqualTo("trello");
        assertThat(row.findElement(By.cssSelector(".connection-name")).getText())
                .isEqualTo("Boards");
        assertThat(row.findElement(By.cssSelector(".connection-status")).getText())
                .isEqualTo("connected");
        assertThat(driver().getPageSource()).doesNotContain(TOKEN);

        // Test calls Trello again (connecting already set "checked ...", so wait for the stub to see it)
        $("#connection-list .connection .connection-test").click();
        waitUntil(d -> healthCalls() == 2);
        waitForHtmx();
        assertThat($("#connection-list .connection .connection-checked").getText())
                .startsWith("checked ");
        assertThat($("#connection-list .connection .connection-status").getText())
                .isEqualTo("connected");

        // the status is Trello's answer: a refused token shows as needing a reconnect
        STUB.stubFor(get(urlPathEqualTo(BASE + "/members/me"))
                .willReturn(aResponse().withStatus(401).withBody("invalid token")));
        $("#connection-list .connection .connection-test").click();
        waitUntil(ExpectedConditions.textToBe(
                By.cssSelector("#connection-list .connection .connection-status"), "needs reconnect"));
        assertThat(healthCalls()).isEqualTo(3);

        $("#connection-list .connection .connection-delete").click();
        waitUntil(ExpectedConditions.alertIsPresent()).accept();
        $("#connections-empty");
        assertThat(pageWasNotReloaded()).as("the page was never reloaded").isTrue();
    }
}
