package dev.atom.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.Select;

/**
 * The AI page's "Assistant approvals" section in a real browser: the empty state, a refused form with its message,
 * adding always-ask and always-allow rules through htmx without a reload, revoking one. Writes
 * docs/screenshots/assistant-approvals.png.
 */
class ApprovalRulesBrowserTest extends BrowserTestBase {

    @Test
    void aPersonAddsListsAndRevokesApprovalRules() throws Exception {
        TestUsers users = new TestUsers(this::http);
        TestUsers.User ann = users.signUp("ann");
        logInInBrowser(ann.email(), TestUsers.PASSWORD);
        waitForPath("/");
        open("/ai");
        markPage();

        assertThat($("#approval-rules-empty").getText()).startsWith("No rules yet");
        assertThat(new Select($("#rule-tool")).getOptions())
                .extracting(o -> o.getDomAttribute("value"))
                .contains("tasks_delete", "tasks_create")
                .doesNotContain("tasks_list", "search");

        $("#add-rule").click();
        assertThat($("#approval-rule-errors").getText()).contains("is required");
        assertThat($("#rule-tool").getDomAttribute("aria-invalid")).isEqualTo("true");

        new Select($("#rule-tool")).selectByValue("tasks_delete");
        new Select($("#rule-mode")).selectByValue("always_ask");
        $("#add-rule").click();
        assertThat($("#approval-rule-saved").getText()).isEqualTo("Saved.");
        assertThat($("li.approval-rule[data-tool='tasks_delete']").getText())
                .contains("tasks_delete", "Always ask", "any connection", "destructive");

        new Select($("#rule-tool")).selectByValue("tasks_create");
        new Select($("#rule-mode")).selectByValue("always_allow");
        $("#add-rule").click();
        waitUntil(d -> all("li.approval-rule").size() == 2);
        assertThat(all("#approval-rules-empty")).isEmpty();
        assertThat(users.as(ann)
                        .get("/api/v1/assistant/approval-rules")
                        .json()
                        .get("items")
                        .valueStream()
                        .map(r -> r.get("tool").asString() + ":" + r.get("mode").asString()))
                .containsExactly("tasks_create:always_allow", "tasks_delete:always_ask");

        js("document.getElementById('approval-rules').scrollIntoView();");
        Path shot =
                ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE).toPath();
        Path docs = Path.of("docs/screenshots");
        Files.createDirectories(docs);
        Files.copy(shot, docs.resolve("assistant-approvals.png"), StandardCopyOption.REPLACE_EXISTING);

        $("li.approval-rule[data-tool='tasks_create'] .rule-revoke").click();
        waitUntil(d -> all("li.approval-rule").size() == 1);
        assertThat(users.as(ann).get("/api/v1/assistant/approval-rules").json().get("items"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("tool").asString()).isEqualTo("tasks_delete"));
        assertThat(pageWasNotReloaded()).as("the page was never reloaded").isTrue();
    }
}
