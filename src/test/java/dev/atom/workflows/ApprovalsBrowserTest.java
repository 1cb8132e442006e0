package dev.atom.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Approvals page in a real browser: a waiting run is approved with a comment and resumes. */
class ApprovalsBrowserTest extends BrowserTestBase {

    @Test
    void aPersonApprovesAWaitingRunFromTheApprovalsPage() {
        TestUsers.User ann = new TestUsers(this::http).signUp("ann");
        WorkflowTestSupport api = new WorkflowTestSupport(new TestUsers(this::http).as(ann));
        String id = api.createAndPublish("""
                {"name": "Pay", "trigger": {"type": "manual"}, "steps": [
                  {"id": "ask", "type": "approval", "message": "Pay {{ trigger.input.amount }} EUR?"},
                  {"id": "paid", "type": "transform", "output": "{{ steps.ask.output.decision }}"}]}""");
        String rejected = api.start(id, Map.of("amount", 5));
        String approved = api.start(id, Map.of("amount", 40));
        api.awaitStatus(rejected, "waiting");
        api.awaitStatus(approved, "waiting");
        logInInBrowser(ann.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));

        $("#nav-approvals").click();
        waitForPath("/approvals");
        String row = "#approval-" + approved + "-ask";
        assertThat($(row + " .approval-message").getText()).isEqualTo("Pay 40 EUR?");
        markPage();
        $("#comment-" + approved + "-ask").sendKeys("within budget");
        $(row + " .approve").click();
        waitUntil(d -> $("#approval-done").getText().equals("Approved: ask"));
        assertThat(pageWasNotReloaded()).isTrue();
        assertThat(all(row)).as("decided, so no longer listed").isEmpty();

        var run = api.awaitEnd(approved);
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("output").asString()).isEqualTo("approve");
        assertThat(run.get("steps").get(0).get("output").get("comment").asString())
                .isEqualTo("within budget");

        $("#approval-" + rejected + "-ask .reject").click();
        waitUntil(d -> $("#approval-done").getText().equals("Rejected: ask"));
        assertThat(api.awaitEnd(rejected).get("status").asString()).isEqualTo("failed");
        assertThat($("#approvals-empty").getText()).isEqualTo("Nothing is waiting for approval.");
    }
}
