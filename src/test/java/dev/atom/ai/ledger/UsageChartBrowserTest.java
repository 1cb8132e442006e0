package dev.atom.ai.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** The AI page loads the usage chart through htmx: bars, legend, totals, and the table behind a disclosure. */
class UsageChartBrowserTest extends BrowserTestBase {
    @Autowired
    UsageLedger ledger;

    @Autowired
    Clock clock;

    @Test
    void theAiPageShowsCostPerDayPerProvider() {
        TestUsers.User kim = new TestUsers(this::http).signUp("kim");
        Instant now = clock.instant();
        for (String provider : new String[] {"openai", "anthropic"}) {
            ledger.append(new UsageRecord(
                    Ids.newId(),
                    kim.workspaceId(),
                    kim.id(),
                    "key",
                    provider,
                    provider + "/m",
                    100,
                    10,
                    0,
                    provider.equals("openai") ? 1_200_000 : 300_000,
                    50,
                    null,
                    "ok",
                    null,
                    "req",
                    "chat",
                    false,
                    false,
                    now.minus(Duration.ofDays(1))));
        }
        logInInBrowser(kim.email(), TestUsers.PASSWORD);
        waitForPath("/"); // the session cookie exists only once the login answer arrived
        open("/ai");
        waitUntil(d -> d.findElements(By.cssSelector("#usage svg[role=img]")).isEmpty() ? null : true);

        assertThat($("#usage-total").getText()).isEqualTo("$1.50");
        assertThat($("#usage .legend").getText()).contains("anthropic", "$0.30", "openai", "$1.20");
        assertThat(all("#usage rect[data-provider]")).hasSize(2);
        assertThat(driver().findElement(By.id("usage-table")).isDisplayed())
                .as("the table waits behind its disclosure")
                .isFalse();
        $("#usage details summary").click();
        waitUntil(d -> d.findElement(By.id("usage-table")).isDisplayed());
        assertThat($("#usage-table tfoot").getText()).contains("$0.30", "$1.20", "$1.50");
    }
}
