package dev.atom.workspace.search;

import dev.atom.shared.web.FieldErrors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The search API's query parameters, checked: each bad one is a 400 naming it.
 *
 * @param scoredAt the moment (epoch millis) recency is scored against, pinned by the first page's cursor so every
 *     page of one search ranks alike; null on a first page (the current minute)
 */
record SearchParams(
        QueryText text,
        Set<String> types,
        String source,
        Instant from,
        Instant to,
        int limit,
        int offset,
        Long scoredAt) {

    static final Set<String> TYPES = Set.of("task", "event", "message", "file", "issue", "page", "workflow", "run");
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** Deeper pages are not offered: refine the query instead (keeps every search cheap). */
    static final int MAX_OFFSET = 1_000;

    static final int MAX_QUERY = 500;

    static SearchParams parse(
            String q, List<String> types, String source, String from, String to, String limit, String cursor) {
        FieldErrors errors = new FieldErrors();
        QueryText text = null;
        if (q == null || q.isBlank()) {
            errors.add("q", "is required");
        } else if (q.length() > MAX_QUERY) {
            errors.add("q", "must be at most " + MAX_QUERY + " characters");
        } else {
            text = QueryText.parse(q);
            if (!text.hasText() && text.from().isEmpty() && text.types().isEmpty()) {
                errors.add("q", "has nothing to search for");
            }
        }
        Set<String> typeSet = new LinkedHashSet<>();
        if (types != null) {
            for (String part : types) {
                for (String t : part.split(",")) {
                    String type = t.strip().toLowerCase(Locale.ROOT);
                    if (type.isEmpty()) {
                        continue;
                    }
                    if (!TYPES.contains(type)) {
                        errors.add("types", "unknown type '" + t.strip() + "'; use " + String.join(", ", sorted()));
                        break;
                    }
                    typeSet.add(type);
                }
            }
        }
        if (text != null) {
            for (String type : text.types()) {
                if (!TYPES.contains(type)) {
                    errors.add("q", "unknown type:" + type + "; use " + String.join(", ", sorted()));
                    break;
                }
            }
        }
        String src = source == null || source.isBlank() ? null : source.strip();
        if (src != null && src.length() > 200) {
            errors.add("source", "must be at most 200 characters");
        }
        Instant fromTime = time(from, "from", errors);
        Instant toTime = time(to, "to", errors);
        if (fromTime != null && toTime != null && !toTime.isAfter(fromTime)) {
            errors.add("to", "must be after from");
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.strip());
                if (size < 1 || size > MAX_LIMIT) {
                    errors.add("limit", "must be between 1 and " + MAX_LIMIT);
                }
            } catch (NumberFormatException e) {
                errors.add("limit", "must be a whole number");
            }
        }
        int offset = 0;
        Long scoredAt = null;
        if (cursor != null && !cursor.isBlank()) {
            Cursor c = decodeCursor(cursor.strip());
            if (c == null || c.offset() < 0 || c.offset() > MAX_OFFSET) {
                errors.add("cursor", "is not a cursor this search gave");
            } else {
                offset = c.offset();
                scoredAt = c.scoredAt();
            }
        }
        errors.throwIfAny();
        return new SearchParams(text, Set.copyOf(typeSet), src, fromTime, toTime, size, offset, scoredAt);
    }

    /** Where the next page starts and the moment the first page was scored at. */
    private record Cursor(int offset, Long scoredAt) {}

    /** {@code o:<offset>:t:<scoredAt millis>}, URL-safe base64; opaque to clients. */
    static String encodeCursor(int offset, long scoredAt) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("o:" + offset + ":t:" + scoredAt).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of the page after {@code result}, or null on the last page. */
    static String nextCursor(SearchResult result) {
        return result.nextOffset() == null ? null : encodeCursor(result.nextOffset(), result.scoredAt());
    }

    /** Null when it is not a cursor of ours; a cursor from before the pinned moment ({@code o:<offset>}) still reads. */
    private static Cursor decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("o:")) {
                return null;
            }
            String[] parts = s.substring(2).split(":t:", 2);
            Long scoredAt = parts.length == 2 ? Long.parseLong(parts[1]) : null;
            return scoredAt != null && scoredAt < 0 ? null : new Cursor(Integer.parseInt(parts[0]), scoredAt);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An ISO-8601 instant or offset date-time, or a date (its start, UTC). */
    private static Instant time(String value, String field, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                errors.add(field, "must be an ISO-8601 date-time with offset (2026-12-05T09:00:00Z) or a date");
                return null;
            }
        }
    }

    private static List<String> sorted() {
        return TYPES.stream().sorted().toList();
    }
}
