package dev.atom.workspace.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offline summary of a thread, needing no AI key: per message, who wrote, and its first sentence plus any
 * sentence that asks something or names a date or deadline (what a reader usually has to act on).
 */
final class ThreadSummary {
    private ThreadSummary() {}

    static String of(List<InboxMessage> thread) {
        StringBuilder out = new StringBuilder();
        for (InboxMessage m : thread) {
            var s = m.message();
            String text = s.bodyText() != null ? s.bodyText() : s.snippet();
            if (text == null || text.isBlank()) {
                continue;
            }
            List<String> picked = new ArrayList<>();
            String[] sentences = text.replaceAll("(?m)^>.*$", " ")
                    .replaceAll("\\s+", " ")
                    .strip()
                    .split("(?<=[.!?])\\s+");
            for (int i = 0; i < sentences.length && picked.size() < 3; i++) {
                String sentence = sentences[i].strip();
                if (sentence.isEmpty()) {
                    continue;
                }
                if (picked.isEmpty() || matters(sentence)) {
                    picked.add(sentence.length() > 240 ? sentence.substring(0, 239) + "…" : sentence);
                }
            }
            String who = s.fromMe() ? "You" : s.fromName() != null ? s.fromName() : s.from();
            out.append("- ")
                    .append(who)
                    .append(": ")
                    .append(String.join(" ", picked))
                    .append('\n');
        }
        return out.toString().strip();
    }

    private static boolean matters(String sentence) {
        String s = sentence.toLowerCase(Locale.ROOT);
        return s.endsWith("?")
                || s.matches(".*\\b(please|deadline|due|by (mon|tue|wed|thu|fri|sat|sun|tomorrow|today|end of)"
                        + "|asap|urgent|can you|could you|would you)\\b.*")
                || s.matches(".*\\b\\d{1,2}[:./]\\d{2}\\b.*");
    }
}
