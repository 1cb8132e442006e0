package dev.atom.assistant.internal;

import dev.atom.tools.Tool;
import java.util.List;
import java.util.Locale;

/**
 * Whether a tool reads text other people wrote (mail, chat messages, pages, issues, files, the web): such text
 * may carry instructions aimed at the model, so the model sees it marked as data, and any write proposed later in
 * the same turn waits for approval, even a write to the person's own data. Judged by the tool's name, since the
 * SPI has no flag for it yet: a tool whose name has one of these words counts, conservatively.
 */
final class OutsideContent {
    private static final List<String> WORDS = List.of(
            "inbox",
            "mail",
            "message",
            "thread",
            "page",
            "issue",
            "ticket",
            "comment",
            "doc",
            "file",
            "search",
            "web",
            "http",
            "fetch",
            "briefing",
            "channel",
            "chat");

    private OutsideContent() {}

    static boolean reads(Tool tool) {
        if (tool.effect() != Tool.Effect.READ) {
            return false;
        }
        String name = tool.name().toLowerCase(Locale.ROOT);
        return WORDS.stream().anyMatch(name::contains);
    }
}
