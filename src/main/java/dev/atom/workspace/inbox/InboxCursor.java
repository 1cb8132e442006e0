package dev.atom.workspace.inbox;

import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Where the next inbox page starts: the last item's received time and id (newest first). Opaque base64url. */
record InboxCursor(Instant receivedAt, String id) {

    String encode() {
        String text = "m1\n" + Timestamps.format(receivedAt) + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<InboxCursor> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n");
            if (parts.length != 3 || !parts[0].equals("m1") || !Ids.isValid(parts[2])) {
                return Optional.empty();
            }
            return Optional.of(new InboxCursor(Timestamps.parse(parts[1]), parts[2]));
        } catch (RuntimeException e) { // bad base64 or a bad time
            return Optional.empty();
        }
    }
}
