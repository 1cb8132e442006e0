package dev.atom.workflows.internal;

import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page of a runs list starts: the last run's (created_at, id). Runs are listed newest first in
 * that order, so the next page is every run strictly before it, and runs created in the same microsecond are
 * neither skipped nor repeated (a time alone could do either). Opaque to clients (base64url).
 */
record RunCursor(Instant createdAt, String id) {

    static RunCursor after(Run last) {
        return new RunCursor(last.createdAt(), last.id());
    }

    String encode() {
        String text = "r1\n" + Timestamps.format(createdAt) + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this list gave (wrong version, damaged, hand-made). */
    static Optional<RunCursor> decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", -1);
            if (parts.length != 3 || !parts[0].equals("r1") || !Ids.isValid(parts[2])) {
                return Optional.empty();
            }
            return Optional.of(new RunCursor(Timestamps.parse(parts[1]), parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) { // not base64, or not an instant
            return Optional.empty();
        }
    }
}
