package dev.atom.workspace.briefing;

import java.util.Locale;
import java.util.Map;

/** The names people know the apps by, for a briefing item's source ({@code jira} -> Jira). */
final class Sources {
    private static final Map<String, String> NAMES = Map.of(
            "github", "GitHub",
            "gmail", "Gmail",
            "email", "E-mail",
            "imap", "E-mail",
            "outlook", "Outlook",
            "slack", "Slack",
            "jira", "Jira",
            "asana", "Asana",
            "trello", "Trello",
            "notion", "Notion");

    private Sources() {}

    static String name(String connector) {
        if (connector == null || connector.isBlank()) {
            return null;
        }
        String known = NAMES.get(connector);
        return known != null ? known : connector.substring(0, 1).toUpperCase(Locale.ROOT) + connector.substring(1);
    }
}
