package dev.atom.workspace.tasks;

import dev.atom.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page starts: the sort it belongs to, the last task's sort key and its id. Opaque to
 * clients (base64url); a cursor of another sort is rejected instead of silently skipping tasks.
 */
record TaskCursor(String sort, Object key, String id) {

    String encode() {
        String text = "1\n" + sort + "\n" + id + "\n" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<TaskCursor> decode(String cursor, TaskSort expected) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", 4);
            if (parts.length != 4
                    || !parts[0].equals("1")
                    || !parts[1].equals(expected.wire())
                    || !Ids.isValid(parts[2])) {
                return Optional.empty();
            }
            Object key = expected.key() == TaskSort.Key.PRIORITY ? (Object) Integer.valueOf(parts[3]) : parts[3];
            return Optional.of(new TaskCursor(parts[1], key, parts[2]));
        } catch (IllegalArgumentException e) { // bad base64 or a non-number priority
            return Optional.empty();
        }
    }
}
