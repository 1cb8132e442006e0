package dev.atom.workspace.worktasks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.atom.testing.StubbedServiceTestBase.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tasks page with tasks from GitHub and Jira (synced from WireMock through their feeds): the source filter,
 * badges and links, completing and re-dating through the connector, a refusal shown in the row, the empty state.
 * Saves docs/screenshots/tasks-all-apps.png.
 */
@StubMount(property = "ATOM_GITHUB_BASE_URL", path = "/api/v3")
class TasksAllAppsBrowserTest extends BrowserTestBase {
    @Autowired
    Connectors connectors;

    @Autowired
    List<SyncStore> stores;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        StubbedServiceTestBase.stubbedServices(registry);
    }

    private static void json(com.github.tomakehurst.wiremock.client.MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body)));
    }

    private WebElement row(String title) {
        return waitUntil(d -> all("li.task").stream()
                .filter(li -> li.findElements(By.cssSelector(".title")).stream()
                        .anyMatch(t -> t.getText().equals(title)))
                .findFirst()
                .orElse(null));
    }

    private void sync(TestUsers.User user) {
        json(get(urlPathEqualTo("/api/v3/user")), 200, "{\"login\":\"wren\",\"id\":1}");
        json(get(urlPathEqualTo("/jira/rest/api/3/myself")), 200, "{\"accountId\":\"a\",\"timeZone\":\"UTC\"}");
        var users = new TestUsers(this::http);
        String github = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "github",
                                "name",
                                "Acme GitHub",
                                "credentials",
                                Map.of("token", WorkTasksApiTest.GH_TOKEN)))
                .json()
                .get("id")
                .asString();
        String jira = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "jira",
                                "name",
                                "Acme Jira",
                                "auth",
                                "api_key",
                                "credentials",
                                Map.of(
                                        "site",
                                        "http://localhost:" + STUB.port() + "/jira",
                                        "token",
                                        WorkTasksApiTest.JIRA_TOKEN)))
                .json()
                .get("id")
                .asString();
        json(
                get(urlPathEqualTo("/api/v3/search/issues")),
                200,
                "{\"total_count\":2,\"incomplete_results\":false,\"items\":["
                        + WorkTasksApiTest.ghIssue(7, "Crash on start") + ","
                        + WorkTasksApiTest.ghIssue(8, "Slow login on mobile") + "]}");
        json(
                post(urlPathEqualTo("/jira/rest/api/3/search/jql")),
                200,
                "{\"isLast\":true,\"issues\":[{\"id\":\"1\",\"key\":\"ABC-1\",\"fields\":{\"summary\":\"Budget review\","
                        + "\"status\":{\"name\":\"In Progress\",\"statusCategory\":{\"key\":\"indeterminate\"}},"
                        + "\"project\":{\"key\":\"ABC\",\"name\":\"Apollo\"},\"duedate\":\"2026-12-01\","
                        + "\"updated\":\"2026-12-01T10:00:00.000+0000\"}}]}");
        SyncStore store = stores.stream()
                .filter(s -> s.itemType() == SyncedWorkItem.class)
                .findFirst()
                .orElseThrow();
        SyncFeedRun.run(connectors, user.workspaceId(), github, "github.issues", null, 50, store);
        SyncFeedRun.run(connectors, user.workspaceId(), jira, "jira.issues", null, 50, store);
        users.as(user).post("/api/v1/tasks", Map.of("title", "Write the board report", "priority", "high"));
    }

    @Test
    void showsCompletesAndReDatesTasksFromOtherAppsBesideAtomsOwn() throws Exception {
        var users = new TestUsers(this::http);
        TestUsers.User wren = users.signUp("wren");
        sync(wren);
        logInInBrowser(wren.email(), TestUsers.PASSWORD);
        waitForPath("/"); // home is the briefing
        open("/tasks");
        row("Write the board report");
        markPage();
        assertThat(all("li.work-item")).isEmpty(); // Atom's tasks alone by default

        new Select($("#filter-source")).selectByValue("all");
        WebElement crash = row("Crash on start");
        assertThat(crash.findElement(By.cssSelector(".source-badge")).getText()).isEqualTo("GitHub");
        assertThat(crash.findElement(By.cssSelector("a.title")).getDomAttribute("href"))
                .isEqualTo("https://github.com/acme/app/issues/7");
        WebElement budget = row("Budget review");
        assertThat(budget.findElement(By.cssSelector(".source-badge")).getText())
                .isEqualTo("Jira");
        assertThat(budget.findElement(By.cssSelector(".due")).getText()).contains("1 Dec 2026");
        assertThat(row("Write the board report").getDomAttribute("class")).doesNotContain("work-item");

        Path shot = Path.of("docs/screenshots/tasks-all-apps.png");
        Files.createDirectories(shot.getParent());
        Files.copy(
                ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE).toPath(),
                shot,
                StandardCopyOption.REPLACE_EXISTING);

        // complete: GitHub closes the issue, the row turns done at once
        json(
                patch(urlPathEqualTo("/api/v3/repos/acme/app/issues/7")),
                200,
                WorkTasksApiTest.ghIssue(7, "Crash on start").replace("\"open\"", "\"closed\""));
        crash.findElement(By.cssSelector(".work-toggle")).click();
        waitUntil(d -> row("Crash on start").getDomAttribute("class").contains("done"));
        STUB.verify(patchRequestedFor(urlPathEqualTo("/api/v3/repos/acme/app/issues/7")));

        // re-date: Jira gets the new due date
        STUB.stubFor(put(urlPathEqualTo("/jira/rest/api/3/issue/ABC-1"))
                .willReturn(aResponse().withStatus(204)));
        js(
                "arguments[0].value = '2026-12-24'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                row("Budget review").findElement(By.cssSelector(".work-due-input")));
        waitUntil(d -> row("Budget review")
                .findElement(By.cssSelector(".due"))
                .getText()
                .contains("24 Dec 2026"));
        STUB.verify(putRequestedFor(urlPathEqualTo("/jira/rest/api/3/issue/ABC-1"))
                .withRequestBody(equalToJson("{\"fields\":{\"duedate\":\"2026-12-24\"}}")));

        // a refusal stays in the row, which stays open
        json(patch(urlPathEqualTo("/api/v3/repos/acme/app/issues/8")), 403, "{\"message\":\"Must have push access\"}");
        row("Slow login on mobile").findElement(By.cssSelector(".work-toggle")).click();
        WebElement refused = waitUntil(d -> row("Slow login on mobile").findElement(By.cssSelector(".work-error")));
        assertThat(refused.getText()).contains("GitHub refused the change");
        assertThat(row("Slow login on mobile").getDomAttribute("class")).doesNotContain("done");

        // one source at a time, and the empty state of a source with nothing
        new Select($("#filter-source")).selectByValue("jira");
        waitUntil(d -> all("li.task").size() == 1);
        row("Budget review");
        new Select($("#filter-source")).selectByValue("trello");
        assertThat($("#work-items-empty").getText()).contains("No tasks from your apps in Trello");
        assertThat(pageWasNotReloaded()).isTrue();
    }
}
