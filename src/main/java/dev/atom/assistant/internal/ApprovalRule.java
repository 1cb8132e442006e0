package dev.atom.assistant.internal;

import java.time.Instant;
import java.util.Locale;

/**
 * A person's standing decision about one tool: always run it without asking, or always ask first. {@code connection}
 * is the connection id the rule is limited to, or empty for whichever connection a call uses. Immutable.
 */
record ApprovalRule(
        String id,
        String workspaceId,
        String userId,
        String tool,
        String connection,
        Mode mode,
        Instant createdAt,
        Instant updatedAt) {

    enum Mode {
        ALWAYS_ALLOW,
        ALWAYS_ASK;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Mode of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** Whether this rule speaks about a call on {@code callConnection} (null when the call names none). */
    boolean covers(String callConnection) {
        return connection.isEmpty() || connection.equals(callConnection);
    }
}
