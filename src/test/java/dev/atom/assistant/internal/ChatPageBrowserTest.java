package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.tasks.TaskToolsForTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The chat in Chromium against a scripted OpenAI-format model on WireMock: a streamed Markdown answer (raw HTML
 * shown as text), tool calls folded, actions approved, edited (the server's field error shown) and approved,
 * rejected and undone, the conversation list (switch, rename, delete), and the panel on another page sending the
 * page as context. Writes docs/screenshots/chat.png, chat-actions.png, chat-narrow.png and chat-panel.png.
 */
@Import({TaskToolsForTests.class, AssistantTestTools.class})
class ChatPageBrowserTest extends BrowserTestBase {
    private static WireMockServer provider;
    private TestUsers.User cleo;
    private String prefix;
    private ScriptedModel model;

    @BeforeAll
    static void startProvider() {
        provider = new WireMockServer(wireMockConfig().dynamicPort());
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @BeforeEach
    void cleoWithAKeySignedIn() {
        TestUsers users = new TestUsers(this::http);
        cleo = users.signUp("cleo");
        prefix = "openai-" + UUID.randomUUID().toString().substring(0, 8);
        var key = users.as(cleo)
                .post(
                        "/api/v1/ai/keys",
                        Map.of(
                                "provider",
                                "openai",
                                "apiKey",
                                "sk-test-" + UUID.randomUUID().toString().replace("-", ""),
                                "name",
                                prefix,
                                "scope",
                                "user",
                                "baseUrl",
                                "http://127.0.0.1:" + provider.port() + "/" + prefix + "/v1"));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        model = new ScriptedModel(provider, prefix);
        provider.stubFor(post(urlPathEqualTo("/" + prefix + "/outbox")).willReturn(okJson("{\"ok\":true}")));
        AssistantTestTools.outbox = "http://127.0.0.1:" + provider.port() + "/" + prefix + "/outbox";
        logInInBrowser(cleo.email(), TestUsers.PASSWORD);
        waitForPath("/");
    }

    @Test
    void chatStreamsAnswersAndTheActionsAreDecidedInPlace() throws IOException {
        model.streamed(
                "Hello **Cleo**! Here is `code` and <img src=x id=evil> as text.\n\n- one\n- two",
                List.of(
                        call("c1", "test_tasks_create", "{\"title\":\"Call Dana\"}"),
                        call("m1", "test_mail_send", "{\"to\":\"dana@example.com\",\"subject\":\"Lunch?\"}"),
                        call("m2", "test_mail_send", "{\"to\":\"lee@example.com\",\"subject\":\"Budget\"}"),
                        call("m3", "test_mail_send", "{\"to\":\"max@example.com\",\"subject\":\"Spam\"}")),
                "I made the task. The three mails wait for your approval.");
        String other = new TestUsers(this::http)
                .as(cleo)
                .post("/api/v1/assistant/conversations", Map.of("title", "Trip planning"))
                .json()
                .get("id")
                .asString();

        $("#nav-chat").click();
        waitForPath("/chat");
        assertThat($("#nav-chat").getAttribute("aria-current")).isEqualTo("page");
        assertThat($(".chat-empty").getText()).contains("How can I help?");
        waitUntil(d -> all("#chat-model option").size() > 5);
        assertThat(all("#chat-list .conversation-open"))
                .extracting(WebElement::getText)
                .contains("Trip planning");

        // a streamed answer, as safe Markdown; Enter sends
        $("#chat-input").sendKeys("Say hello", Keys.SHIFT, Keys.ENTER);
        $("#chat-input").sendKeys("please", Keys.ENTER);
        WebElement answer =
                waitUntil(d -> last(".bubble.assistant .turn-cost") == null ? null : last(".bubble.assistant"));
        assertThat(answer.findElement(By.cssSelector(".markdown strong")).getText())
                .isEqualTo("Cleo");
        assertThat(answer.findElement(By.cssSelector(".markdown code")).getText())
                .isEqualTo("code");
        assertThat(answer.findElements(By.cssSelector(".markdown li"))).hasSize(2);
        assertThat(answer.getText()).contains("<img src=x id=evil>");
        assertThat(all("#evil")).as("the model's HTML is never parsed").isEmpty();
        assertThat(answer.findElement(By.cssSelector(".turn-cost")).getText())
                .contains("120 tokens")
                .contains("$");
        assertThat(last(".bubble.user").getText()).isEqualTo("Say hello\nplease");
        waitUntil(d -> $("#chat-title").getText().equals("Say hello"));
        assertThat(currentUrl()).contains("/chat?c=");
        screenshot("chat.png");

        // tools folded, the own write done at once, the mails waiting
        $("#chat-input").sendKeys("call Dana and send three mails", Keys.ENTER);
        waitUntil(d -> all(".action-card").size() == 4 && all(".turn-cost").size() == 2);
        assertThat(all("details.tool-call")).hasSize(4);
        assertThat(all("details.tool-call[open]")).isEmpty();
        assertThat(card("Call Dana").getText()).contains("DONE");
        assertThat(card("dana@example.com").getText()).contains("NEEDS YOUR APPROVAL");
        js("document.querySelector('.chat-log').scrollTop = 260;");
        screenshot("chat-actions.png");

        card("dana@example.com").findElement(By.cssSelector(".action-approve")).click();
        waitUntil(d -> card("dana@example.com").getText().contains("Sent \u201cLunch?\u201d to dana@example.com"));

        // edit: bad input gets the server's field error, then the fixed input is sent
        card("lee@example.com").findElement(By.cssSelector(".action-edit")).click();
        WebElement input = card("lee@example.com").findElement(By.cssSelector(".action-input"));
        setValue(input, "{\"to\":\"not an address\",\"subject\":\"Budget\"}");
        card("lee@example.com").findElement(By.cssSelector(".action-save")).click();
        waitUntil(d -> card("lee@example.com")
                .findElement(By.cssSelector(".action-problem"))
                .isDisplayed());
        assertThat(card("lee@example.com")
                        .findElement(By.cssSelector(".action-problem"))
                        .getText())
                .contains("input.to");
        setValue(input, "{\"to\":\"lee@example.com\",\"subject\":\"Budget for Q1\"}");
        card("lee@example.com").findElement(By.cssSelector(".action-save")).click();
        waitUntil(d -> card("lee@example.com").getText().contains("Sent \u201cBudget for Q1\u201d"));

        card("max@example.com").findElement(By.cssSelector(".action-reject")).click();
        waitUntil(d -> card("max@example.com").getText().contains("REJECTED"));

        card("Call Dana").findElement(By.cssSelector(".action-undo")).click();
        waitUntil(d -> card("Call Dana").getText().contains("UNDONE"));

        // the list: switch away and back (the decisions are stored), rename, delete
        conversation("Trip planning")
                .findElement(By.cssSelector(".conversation-open"))
                .click();
        waitUntil(d -> $("#chat-title").getText().equals("Trip planning"));
        assertThat(all(".bubble")).isEmpty();
        conversation("Say hello")
                .findElement(By.cssSelector(".conversation-open"))
                .click();
        waitUntil(d -> all(".action-card").size() == 4);
        waitUntil(d -> $("#chat-title").getText().equals("Say hello"));
        assertThat(card("max@example.com").getText()).contains("REJECTED");
        assertThat(card("Call Dana").getText()).contains("UNDONE");
        assertThat(all(".bubble.assistant .markdown strong")).isNotEmpty();

        conversation("Say hello")
                .findElement(By.cssSelector(".conversation-rename"))
                .click();
        WebElement title = $(".conversation-title-input");
        title.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Hello and mails", Keys.ENTER);
        waitUntil(d -> $("#chat-title").getText().equals("Hello and mails"));
        assertThat(conversation("Hello and mails").getAttribute("class")).contains("current");

        conversation("Trip planning")
                .findElement(By.cssSelector(".conversation-delete"))
                .click();
        $(".conversation-delete-yes").click();
        waitUntil(d -> all("#chat-list li[data-id='" + other + "']").isEmpty());
        assertThat(all("#chat-list .conversation")).hasSize(1);

        // a narrow screen: the list folds behind a button, nothing overflows sideways
        driver().manage().window().setSize(new Dimension(390, 844));
        try {
            driver().navigate().refresh();
            waitUntil(d -> all(".action-card").size() == 4);
            assertThat($("#chat-list-toggle").isDisplayed()).isTrue();
            assertThat(js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                    .isEqualTo(0L);
            screenshot("chat-narrow.png");
            $("#chat-list-toggle").click();
            assertThat($("#chat-list .conversation-open").getText()).isEqualTo("Hello and mails");
        } finally {
            driver().manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void theAnswerShowsWhileTheTurnIsStillStreaming() {
        try (HeldStream held = new HeldStream(
                "Once upon a time a **fox** found a key. Later it opened the garden gate and the story ended.", 9)) {
            var key = new TestUsers(this::http)
                    .as(cleo)
                    .post(
                            "/api/v1/ai/keys",
                            Map.of(
                                    "provider",
                                    "openai-compatible",
                                    "name",
                                    "held",
                                    "scope",
                                    "user",
                                    "baseUrl",
                                    held.baseUrl()));
            assertThat(key.status()).as(key.toString()).isEqualTo(201);
            open("/chat");
            waitUntil(d -> !all("#chat-model option[value='held/slow-model']").isEmpty());
            new Select($("#chat-model")).selectByValue("held/slow-model");
            $("#chat-input").sendKeys("tell me a story", Keys.ENTER);

            // the first chunks are shown, as Markdown, while the provider still holds the stream open
            WebElement answer = waitUntil(d -> {
                WebElement b = last(".bubble.assistant");
                return b != null && b.getText().contains("found a key") ? b : null;
            });
            assertThat(answer.findElement(By.cssSelector(".markdown strong")).getText())
                    .isEqualTo("fox");
            assertThat(answer.getText()).doesNotContain("story ended");
            assertThat(answer.findElements(By.cssSelector(".turn-cost")))
                    .as("not done yet")
                    .isEmpty();
            assertThat($("#chat-send").getText()).isEqualTo("Stop");

            held.release();
            waitUntil(d -> !answer.findElements(By.cssSelector(".turn-cost")).isEmpty());
            assertThat(answer.findElement(By.cssSelector(".markdown")).getText())
                    .isEqualTo(
                            "Once upon a time a fox found a key. Later it opened the garden gate and the story ended.");
            assertThat($("#chat-send").getText()).isEqualTo("Send");
        }
    }

    @Test
    void thePanelOpensOnAnyPageAndSendsThePagesItemAsContext() throws IOException {
        TestHttp api = new TestUsers(this::http).as(cleo);
        api.post("/api/v1/tasks", Map.of("title", "Water the plants"));
        String passport = api.post(
                        "/api/v1/tasks", Map.of("title", "Renew the passport", "notes", "Photos are in the drawer"))
                .json()
                .get("id")
                .asString();
        model.streamed("For **Renew the passport**: take the photos from the drawer.");
        open("/tasks");
        $("#task-" + passport + " .title").click();
        $("body").sendKeys(".");
        WebElement panel = $("#chat-panel");
        assertThat($("#chat-open").getAttribute("aria-expanded")).isEqualTo("true");
        assertThat($("#chat-panel-context .context-item").getText()).isEqualTo("This task: Renew the passport");
        $("#chat-panel-input").sendKeys("what is left for this task?", Keys.ENTER);
        waitUntil(d -> !panel.findElements(By.cssSelector(".turn-cost")).isEmpty());
        assertThat(panel.findElement(By.cssSelector(".markdown strong")).getText())
                .isEqualTo("Renew the passport");
        assertThat(panel.findElement(By.cssSelector(".bubble.user .context-chip"))
                        .getText())
                .isEqualTo("This task: Renew the passport");
        JsonNode sent = model.requests().getFirst().get("messages");
        assertThat(sent.at("/0/content").asString())
                .as("the task's own fields, looked up by the server")
                .contains(passport)
                .contains("Photos are in the drawer")
                .doesNotContain("Water the plants");
        assertThat(sent.valueStream()
                        .filter(m -> m.path("role").asString().equals("user"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .get("content")
                        .asString())
                .isEqualTo("what is left for this task?");
        screenshot("chat-panel.png");

        // Esc closes; the conversation follows to the next page, which has no item to send
        $("#chat-panel-input").sendKeys(Keys.ESCAPE);
        waitUntil(d -> !$("#chat-open").getAttribute("aria-expanded").equals("true"));
        assertThat(all("#chat-panel")).allMatch(e -> !e.isDisplayed());
        open("/calendar");
        $("#chat-open").click();
        waitUntil(d -> !all("#chat-panel .bubble.assistant .markdown strong").isEmpty());
        assertThat(all("#chat-panel-context"))
                .singleElement()
                .satisfies(chip -> assertThat(chip.isDisplayed())
                        .as("no item on this page")
                        .isFalse());
    }

    private WebElement last(String css) {
        List<WebElement> found = all(css);
        return found.isEmpty() ? null : found.getLast();
    }

    private WebElement card(String text) {
        return all(".action-card").stream()
                .filter(c -> c.getText().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no action card showing " + text));
    }

    private WebElement conversation(String title) {
        return waitUntil(d -> all("#chat-list .conversation").stream()
                .filter(li -> li.getText().contains(title))
                .findFirst()
                .orElse(null));
    }

    private String currentUrl() {
        return driver().getCurrentUrl();
    }

    private void screenshot(String name) throws IOException {
        Path docs = Path.of("docs/screenshots");
        Files.createDirectories(docs);
        Files.write(docs.resolve(name), ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
    }
}
