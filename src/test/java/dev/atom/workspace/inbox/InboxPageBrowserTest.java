package dev.atom.workspace.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.atom.connectors.Connectors;
import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inbox page in Chromium over a synced GreenMail mailbox: list, filters, thread, reply, keyboard. */
class InboxPageBrowserTest extends BrowserTestBase {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ann@example.com", "ann", "imap-pass-4711"));

    @Autowired
    Connectors connectors;

    @Autowired
    InboxStore store;

    @Autowired
    JdbcClient jdbc;

    private static void deliver(String raw) throws Exception {
        MAIL.getUserManager()
                .getUser("ann")
                .deliver(new MimeMessage(
                        Session.getInstance(new Properties()),
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private List<String> subjects() {
        return all("#inbox-list li.message .subject").stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void readsFiltersRepliesAndArchivesWithTheKeyboard() throws Exception {
        TestUsers users = new TestUsers(this::http);
        TestUsers.User ann = users.signUp("ann");
        logInInBrowser(ann.email(), TestUsers.PASSWORD);
        waitForPath("/"); // home is the briefing

        // before any source: the empty state says what to do
        open("/inbox");
        assertThat($("#no-sources").getText()).contains("Connect Gmail, Outlook, e-mail or Slack");
        assertThat($("#inbox-empty").getText()).contains("Inbox zero");

        Map<String, Object> c = new HashMap<>();
        c.put("imap_host", "127.0.0.1");
        c.put("imap_port", String.valueOf(MAIL.getImap().getPort()));
        c.put("imap_security", "none");
        c.put("smtp_host", "127.0.0.1");
        c.put("smtp_port", String.valueOf(MAIL.getSmtp().getPort()));
        c.put("smtp_security", "none");
        c.put("username", "ann");
        c.put("password", "imap-pass-4711");
        c.put("from_address", "Ann <ann@example.com>");
        String connectionId = users.as(ann)
                .post("/api/v1/connections", Map.of("connector", "email", "name", "Work mail", "credentials", c))
                .json()
                .get("id")
                .asString();
        jdbc.sql("UPDATE connections SET visibility = 'private' WHERE id = :id")
                .param("id", connectionId)
                .update();
        deliver(InboxApiTest.mail(
                "w1",
                "Bob Stone <bob@example.com>",
                "Ann <ann@example.com>",
                "Quarterly plan",
                "",
                "Hi Ann. Could you review the plan by Friday? Thanks, Bob"));
        deliver(InboxApiTest.mail(
                "w2",
                "Weekly <news@example.com>",
                "ann@example.com",
                "This week in tech",
                "List-Id: <news.example.com>\r\n",
                "Ten links you will like."));
        deliver(InboxApiTest.mail(
                "w3",
                "Carol <carol@example.com>",
                "Ann <ann@example.com>",
                "Offsite dates",
                "",
                "Does the 14th work for everyone?"));
        InboxApiTest.sync(connectors, store, ann.workspaceId(), connectionId, null);

        open("/inbox");
        assertThat($("#inbox-sources").getText()).contains("Work mail");
        assertThat(subjects()).containsExactlyInAnyOrder("Quarterly plan", "This week in tech", "Offsite dates");
        assertThat(all("#inbox-list li.message.unread")).hasSize(3);
        assertThat(all("#inbox-list li.message .source-email")).hasSize(3);
        markPage();

        // filters: important hides the newsletter, search narrows
        $("#inbox-important").click();
        waitUntil(d -> subjects().size() == 2);
        assertThat(subjects()).doesNotContain("This week in tech");
        $("#inbox-important").click();
        waitUntil(d -> subjects().size() == 3);
        $("body").sendKeys("/");
        waitUntil(d -> d.switchTo().activeElement().getDomAttribute("id").equals("inbox-q"));
        driver().switchTo().activeElement().sendKeys("offsite");
        waitUntil(d -> subjects().equals(List.of("Offsite dates")));
        setValue($("#inbox-q"), "");
        $("#inbox-filters").submit();
        waitUntil(d -> subjects().size() == 3);

        // keyboard: j selects, Enter opens the thread, u toggles read, r replies
        driver().findElement(By.tagName("body")).click();
        $("body").sendKeys("j");
        WebElement first = $("#inbox-list li.message.selected");
        String firstSubject = first.findElement(By.cssSelector(".subject")).getText();
        $("body").sendKeys("j");
        $("body").sendKeys("k");
        assertThat($("#inbox-list li.message.selected .subject").getText()).isEqualTo(firstSubject);
        driver().switchTo().activeElement().sendKeys("\n");
        waitUntil(d -> $("#thread-subject").getText().equals(firstSubject));
        $("#inbox-list li.message.selected").sendKeys("u");
        waitForHtmx();
        waitUntil(d -> all("#inbox-list li.message.unread").size() == 2);

        driver().findElement(By.id("inbox-list")).findElements(By.cssSelector("li.message")).stream()
                .filter(r -> r.getText().contains("Quarterly plan"))
                .findFirst()
                .orElseThrow()
                .findElement(By.cssSelector("a.open"))
                .click();
        waitUntil(d -> $("#thread-subject").getText().equals("Quarterly plan"));
        assertThat($("#inbox-thread").getText()).contains("Could you review the plan by Friday?");
        new org.openqa.selenium.interactions.Actions(driver()).sendKeys("r").perform();
        waitUntil(d -> "reply-text".equals(d.switchTo().activeElement().getDomAttribute("id")));
        $("#reply-send").click();
        assertThat($("#reply-error").getText()).contains("Write something");
        $("#reply-text").sendKeys("Looks good to me.");
        $("#reply-send").click();
        assertThat($("#reply-notice").getText()).isEqualTo("Sent.");
        assertThat(java.util.Arrays.stream(MAIL.getReceivedMessages())
                        .anyMatch(m -> GreenMailUtil.getBody(m).contains("Looks good to me.")))
                .isTrue();

        Path shot = Path.of("docs/screenshots/inbox.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));

        // e archives the selected message
        WebElement news = all("#inbox-list li.message").stream()
                .filter(r -> r.getText().contains("This week in tech"))
                .findFirst()
                .orElseThrow();
        news.click();
        new org.openqa.selenium.interactions.Actions(driver()).sendKeys("e").perform();
        waitUntil(ExpectedConditions.stalenessOf(news));
        waitUntil(d -> subjects().size() == 2);
        assertThat(subjects()).doesNotContain("This week in tech");
        assertThat(pageWasNotReloaded()).isTrue();

        // a narrow screen stacks list and thread
        driver().manage().window().setSize(new Dimension(420, 900));
        open("/inbox");
        assertThat(subjects()).hasSize(2);
        assertThat($("#inbox-thread").getLocation().getY())
                .isGreaterThan($("#inbox-list").getLocation().getY());
    }
}
