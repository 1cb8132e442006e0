package dev.atom.ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The AI page's "Default routing" section in a real browser: an owner sees the built-in list, gets each refused
 * entry's reason under its own field, saves a list through htmx without a reload; a member sees it read-only.
 */
class RoutingPageBrowserTest extends BrowserTestBase {

    private String value(String css) {
        return $(css).getDomProperty("value");
    }

    @Test
    void anOwnerSetsTheListAndAMemberReadsIt() {
        TestUsers users = new TestUsers(this::http);
        TestUsers.User owner = users.signUp("olga");
        TestUsers.User member = users.invite("mia", owner, "member");
        logInInBrowser(owner.email(), TestUsers.PASSWORD);
        waitForPath("/");
        open("/ai");
        markPage();

        assertThat(value("#routing-0")).isEqualTo("atom/balanced");
        assertThat(value("#routing-1")).isEmpty();
        assertThat($("#routing-updated").getText()).contains("Never changed");
        assertThat(all("#routing-choices option"))
                .extracting(o -> o.getDomAttribute("value"))
                .contains("atom/cheapest", "atom/best", "openai/gpt-5.6-luna")
                .doesNotContain("atom/default", "openai/text-embedding-3-small");

        // an unknown model and a repeat are refused, each under its own field; blank fields are skipped
        type("#routing-2", "nope/model");
        type("#routing-4", "atom/balanced");
        $("#save-routing").click();
        WebElement unknown = $("#routing-error-2");
        assertThat(unknown.getText()).isEqualTo("unknown model \"nope/model\"");
        assertThat($("#routing-error-4").getText()).isEqualTo("repeats the first choice");
        assertThat($("#routing-2").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat($("#routing-2").getDomAttribute("aria-describedby")).isEqualTo("routing-error-2");
        assertThat(all("#routing-error-0")).isEmpty();
        assertThat(value("#routing-2")).as("what was typed stays").isEqualTo("nope/model");
        assertThat(users.as(owner).get("/api/v1/ai/routing").json().has("updatedAt"))
                .as("nothing stored")
                .isFalse();

        type("#routing-0", "openai/gpt-5.6-luna");
        type("#routing-2", "atom/cheapest");
        $("#save-routing").click();
        assertThat($("#routing-saved").getText()).isEqualTo("Saved.");
        assertThat(value("#routing-0")).isEqualTo("openai/gpt-5.6-luna");
        assertThat(value("#routing-1")).as("the list is shown compacted").isEqualTo("atom/cheapest");
        assertThat(value("#routing-2")).isEqualTo("atom/balanced");
        assertThat(all(".routing-row .error")).isEmpty();
        assertThat($("#routing-updated").getText()).startsWith("Last changed");
        assertThat(users.as(owner)
                        .get("/api/v1/ai/routing")
                        .json()
                        .get("models")
                        .toString())
                .isEqualTo("[\"openai/gpt-5.6-luna\",\"atom/cheapest\",\"atom/balanced\"]");
        assertThat(pageWasNotReloaded()).as("the page was never reloaded").isTrue();

        signOutInBrowser();
        logInInBrowser(member.email(), TestUsers.PASSWORD);
        waitForPath("/");
        open("/ai");
        assertThat($("#routing-list").getText()).contains("openai/gpt-5.6-luna", "atom/cheapest", "atom/balanced");
        assertThat(all("#routing-list li")).hasSize(3);
        assertThat(driver().findElements(By.id("routing-form"))).isEmpty();
    }
}
