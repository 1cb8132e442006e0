package dev.atom.connectors;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Message bodies as safe plain text for the inbox and search: HTML parsed with jsoup into its visible text (line
 * breaks kept at block boundaries, links as their text); scripts, styles and images dropped, so nothing remote is
 * ever loaded. Bodies are capped; {@link Body#problem()} says when one was cut. Thread-safe (stateless).
 */
public final class MessageText {
    /** HTML longer than this is cut before parsing (a 10 MB newsletter must not stall a sync). */
    public static final int MAX_HTML_CHARS = 2_000_000;
    /** The text kept of a body. */
    public static final int MAX_TEXT_CHARS = 200_000;

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "table",
            "hr",
            "section",
            "article",
            "header",
            "footer",
            "ul",
            "ol");

    private MessageText() {}

    /** A body as text and, when it is partial, why. */
    public record Body(String text, String problem) {}

    /** The text body when there is one, else the HTML body converted; either capped. */
    public static Body of(String text, String html) {
        if (text != null && !text.isBlank()) {
            return capped(text.replace("\r\n", "\n").replace('\r', '\n').strip(), null);
        }
        if (html == null || html.isBlank()) {
            return new Body(null, null);
        }
        String problem = null;
        if (html.length() > MAX_HTML_CHARS) {
            html = html.substring(0, MAX_HTML_CHARS);
            problem = "the HTML body was cut at " + MAX_HTML_CHARS + " characters";
        }
        return capped(htmlToText(html), problem);
    }

    /** The visible text of an HTML document or fragment. */
    public static String htmlToText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, img, svg, iframe, object, embed, noscript, template")
                .remove();
        StringBuilder out = new StringBuilder();
        doc.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }
        });
        return out.toString()
                .replace('\u00a0', ' ')
                .replaceAll("[ \\t]+", " ")
                .replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    /** A one-line start of a text, at most {@code max} characters. */
    public static String snippet(String text, int max) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static Body capped(String text, String problem) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return new Body(text, problem);
        }
        return new Body(
                text.substring(0, MAX_TEXT_CHARS),
                problem != null ? problem : "the body was cut at " + MAX_TEXT_CHARS + " characters");
    }
}
