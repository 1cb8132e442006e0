package dev.atom.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The chat's Markdown renderer ({@code static/js/markdown.js}) alone in headless Chromium, on a blank page: what
 * each construct becomes in the DOM, that raw HTML and unsafe links stay text, and that a 1 MB answer (also one
 * built to make the inline patterns backtrack) renders within the script timeout instead of hanging the page.
 */
class MarkdownScriptTest {
    private static ChromeDriver chromium;

    @BeforeAll
    static void loadTheScript() throws IOException {
        chromium = HeadlessChromium.start(Files.createTempDirectory("atom-markdown-"));
        chromium.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        chromium.get("about:blank");
        chromium.executeScript(Files.readString(Path.of("src/main/resources/static/js/markdown.js")));
    }

    @AfterAll
    static void quit() {
        chromium.quit();
    }

    /** The rendered HTML of {@code markdown}. */
    private static String html(String markdown) {
        return (String) ((JavascriptExecutor) chromium)
                .executeScript(
                        "const box = document.createElement('div');"
                                + " box.appendChild(window.AtomMarkdown.render(arguments[0])); return box.innerHTML;",
                        markdown);
    }

    @Test
    void headingsStartBelowThePagesOwn() {
        assertThat(html("# Plan\n### Step *one*\n###### Last"))
                .isEqualTo("<h3>Plan</h3><h5>Step <em>one</em></h5><h6>Last</h6>");
        assertThat(html("#NoSpace")).isEqualTo("<p>#NoSpace</p>");
    }

    @Test
    void listsOrderedAndNotWithContinuationLines() {
        assertThat(html("- milk\n- **eggs**\n  large ones\n\n1. first\n2) second"))
                .isEqualTo("<ul><li>milk</li><li><strong>eggs</strong> large ones</li></ul>"
                        + "<ol><li>first</li><li>second</li></ol>");
    }

    @Test
    void codeIsTextAndKeepsItsLanguage() {
        assertThat(html("```js\nif (a < b) { x(\"<b>\"); }\n```\nuse `a<b` here"))
                .isEqualTo("<pre><code data-lang=\"js\">if (a &lt; b) { x(\"&lt;b&gt;\"); }</code></pre>"
                        + "<p>use <code>a&lt;b</code> here</p>");
        assertThat(html("```\nstill streaming")).isEqualTo("<pre><code>still streaming</code></pre>");
    }

    @Test
    void linksOnlyForHttpAndMailto() {
        assertThat(html("[docs](https://example.com/a) and mailto: [Dana](mailto:dana@example.com)"))
                .isEqualTo(
                        "<p><a href=\"https://example.com/a\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">"
                                + "docs</a> and mailto: <a href=\"mailto:dana@example.com\" rel=\"noopener noreferrer nofollow\""
                                + " target=\"_blank\">Dana</a></p>");
        assertThat(html("see https://example.com/x."))
                .isEqualTo("<p>see <a href=\"https://example.com/x\" rel=\"noopener noreferrer nofollow\""
                        + " target=\"_blank\">https://example.com/x</a>.</p>");
        for (String unsafe : new String[] {
            "[click](javascript:alert(1))",
            "[click](JavaScript:alert(1))",
            "[click](data:text/html,hi)",
            "[click](vbscript:msgbox)",
            "[click](file:///etc/passwd)"
        }) {
            assertThat(html(unsafe)).as(unsafe).doesNotContain("<a").contains("click");
        }
    }

    @Test
    void rawHtmlIsShownAsText() {
        String rendered =
                html("<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n<a href=\"javascript:x\">a</a>");
        assertThat(rendered)
                .isEqualTo("<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt;</p>"
                        + "<p>&lt;a href=\"javascript:x\"&gt;a&lt;/a&gt;</p>");
    }

    @Test
    void emphasisNests() {
        assertThat(html("**bold _and italic_** then _italic with **bold**_"))
                .isEqualTo(
                        "<p><strong>bold <em>and italic</em></strong> then <em>italic with <strong>bold</strong></em></p>");
        assertThat(html("> quoted **strong**\n> - item"))
                .isEqualTo("<blockquote><p>quoted <strong>strong</strong></p><ul><li>item</li></ul></blockquote>");
    }

    @Test
    void aMegabyteAnswerRendersInsteadOfHanging() {
        String line = "Some **bold**, `code`, _it_ and [a link](https://example.com) with * stray ` marks [ (\n";
        String big = line.repeat(1_000_000 / line.length() + 1);
        assertThat(html(big)).contains("<strong>bold</strong>");
        assertThat(html("`".repeat(1_000_000))).startsWith("<p>`");
        assertThat(html("*a".repeat(500_000))).startsWith("<p>");
        assertThat(html("[x](".repeat(250_000))).startsWith("<p>[x](");
        assertThat(html("https://" + "a".repeat(1_000_000))).contains("<a href=");
    }
}
