package dev.atom.ops.internal;

import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of the audit log ended: the last entry's time and id (ids break ties within one instant).
 * Clients see it as opaque base64url text.
 */
record AuditCursor(Instant createdAt, String id) {

    String encode() {
        String raw = Timestamps.format(createdAt) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in the text, or empty when the text is not one this class wrote. */
    static Optional<AuditCursor> decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0 || !Ids.isValid(raw.substring(bar + 1))) {
                return Optional.empty();
            }
            return Optional.of(new AuditCursor(Timestamps.parse(raw.substring(0, bar)), raw.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
