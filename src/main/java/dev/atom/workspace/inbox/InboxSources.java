package dev.atom.workspace.inbox;

import java.util.Map;

/** What the inbox calls each message source it knows (the connectors with message feeds). */
final class InboxSources {
    static final Map<String, String> LABELS =
            Map.of("gmail", "Gmail", "outlook", "Outlook", "email", "E-mail", "slack", "Slack", "teams", "Teams");

    private InboxSources() {}

    static String label(String connectorId) {
        return LABELS.getOrDefault(connectorId, connectorId);
    }
}
