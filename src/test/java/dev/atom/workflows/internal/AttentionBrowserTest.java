package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import dev.atom.workflows.WorkflowTestSupport;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Open alerts reach the user without the API: a count on the main menu on every page, a "Needs your
 * attention" list on the Automations page with a way to act, a badge on the workflow, and a failing
 * trigger's last error on its row. Another workspace's alerts never show.
 */
class AttentionBrowserTest extends BrowserTestBase {
    private static final String SCHEDULED = """
            { "name": "Nightly", "trigger": { "type": "schedule", "cron": "0 3 * * *" },
              "steps": [ { "id": "s", "type": "transform", "output": 1 } ] }
            """;

    @Autowired
    AlertRepository alerts;

    @Autowired
    TriggerRepository triggers;

    @Test
    void openAlertsAndAFailingTriggerAreShownWhereTheUserLooks() {
        var users = new TestUsers(this::http);
        TestUsers.User ivy = users.signUp("ivy");
        TestUsers.User other = users.signUp("otto");
        String id = new WorkflowTestSupport(users.as(ivy)).createAndPublish(SCHEDULED);
        String othersId = new WorkflowTestSupport(users.as(other)).createAndPublish(SCHEDULED);
        String ws = ivy.workspaceId();
        String otherWs = other.workspaceId();
        Instant now = Instant.now();
        alerts.open(ws, id, Watchdog.RECONNECT, "GitHub (ivy) needs reconnecting", now);
        alerts.open(ws, id, Watchdog.FAILING, "3 failed polls in a row", now);
        alerts.open(otherWs, othersId, Watchdog.SILENT, "no run for 2 days", now);
        triggers.pollFailed(id, "the service is unavailable (503)", now);

        logInInBrowser(ivy.email(), TestUsers.PASSWORD);
        waitUntil(d -> !currentPath().equals("/login"));
        open("/tasks");
        assertThat($("#nav-alerts").getText()).as("on any page").isEqualTo("2");

        $("#nav-automations").click();
        waitForPath("/automations");
        var items = all("#attention .attention-item");
        assertThat(items).hasSize(2);
        assertThat($("#attention").getText())
                .contains("Nightly")
                .contains("A connection it uses needs reconnecting")
                .contains("GitHub (ivy) needs reconnecting")
                .contains("Its trigger keeps failing")
                .doesNotContain("no run for 2 days");
        assertThat($("#attention [data-kind='connection_needs_reconnect'] a[href='/connections']")
                        .getText())
                .isEqualTo("Reconnect");
        var row = $("#wf-" + id);
        assertThat(row.findElement(By.cssSelector(".alert-badge")).getText()).isEqualTo("2 alerts");
        assertThat(row.findElement(By.cssSelector(".trigger-error")).getText())
                .isEqualTo("Trigger failing: the service is unavailable (503)");

        alerts.close(ws, id, Watchdog.RECONNECT, Instant.now());
        alerts.close(ws, id, Watchdog.FAILING, Instant.now());
        open("/automations");
        assertThat(all("#attention")).isEmpty();
        assertThat(all("#nav-alerts")).isEmpty();
        assertThat(all("#wf-" + id + " .alert-badge")).isEmpty();
    }
}
