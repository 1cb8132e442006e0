package dev.atom.workspace.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Sync panel on the Connections page in headless Chromium: a synced Dropbox shows its items and last sync,
 * one whose token was refused shows needs-reconnect with the reason, and "Sync now" queues a sync. Saves
 * docs/screenshots/connections-sync.png.
 */
@StubMount(property = "ATOM_DROPBOX_BASE_URL", path = "/2")
class SyncPanelBrowserTest extends BrowserTestBase {
    private static final com.github.tomakehurst.wiremock.WireMockServer STUB = StubbedServiceTestBase.STUB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StubbedServiceTestBase.stubbedServices(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    SyncEngine engine;

    private static String file(String path) {
        String name = path.substring(1);
        return "{\".tag\":\"file\",\"name\":\"" + name + "\",\"path_display\":\"" + path + "\",\"path_lower\":\"" + path
                + "\",\"id\":\"id:" + name + "\",\"size\":900000,\"server_modified\":\"2026-12-01T10:00:00Z\"}";
    }

    @Test
    void showsWhatWasSyncedAnErrorAndQueuesASync() throws Exception {
        var users = new TestUsers(this::http);
        var user = users.signUp("panel");
        var connections = new TestOAuthConnections(context);
        String good = connections.create(user.workspaceId(), user.id(), "dropbox", "good-token");
        String revoked = connections.create(user.workspaceId(), user.id(), "dropbox", "revoked-token");
        STUB.resetAll();
        STUB.stubFor(post(urlPathEqualTo("/2/files/list_folder"))
                .withHeader("Authorization", equalTo("Bearer good-token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"entries\":[" + file("/plan.pdf") + "," + file("/budget.pdf")
                                + "],\"cursor\":\"c1\",\"has_more\":false}")));
        STUB.stubFor(post(urlPathEqualTo("/2/files/list_folder"))
                .withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error_summary\":\"invalid_access_token/..\",\"error\":{\".tag\":"
                                + "\"invalid_access_token\"}}")));
        assertThat(engine.syncConnection(user.workspaceId(), good)).isTrue();
        assertThat(engine.syncConnection(user.workspaceId(), revoked)).isTrue();

        logInInBrowser(user.email(), TestUsers.PASSWORD);
        open("/connections");
        String goodFeed = "#sync-" + good + " .sync-feed";
        String badFeed = "#sync-" + revoked + " .sync-feed";
        waitUntil(d -> !d.findElements(By.cssSelector(goodFeed)).isEmpty()
                && !d.findElements(By.cssSelector(badFeed)).isEmpty());
        assertThat($(goodFeed + " .sync-items").getText()).isEqualTo("2 items");
        assertThat($(goodFeed + " .sync-status").getText()).isEqualTo("idle");
        assertThat($(goodFeed + " .sync-last").getText()).startsWith("synced ");
        assertThat($(goodFeed + " .sync-next").getText()).startsWith("next ");
        assertThat($(badFeed + " .sync-status").getText()).isEqualTo("needs reconnect");
        assertThat($(badFeed + " .sync-error").getText()).contains("Dropbox refused the access token");

        assertThat($("#sync-" + revoked + " .sync-now").isEnabled())
                .as("nothing to sync until it is reconnected")
                .isFalse();

        Files.createDirectories(Path.of("docs/screenshots"));
        Files.write(
                Path.of("docs/screenshots/connections-sync.png"),
                ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));

        $("#sync-" + good + " .sync-now").click();
        waitUntil(d -> !d.findElements(By.cssSelector("#sync-" + good + " .sync-queued"))
                .isEmpty());
        assertThat($("#sync-" + good + " .sync-queued").getText()).contains("Sync queued");
    }
}
