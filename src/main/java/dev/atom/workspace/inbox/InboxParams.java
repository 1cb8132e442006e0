package dev.atom.workspace.inbox;

import dev.atom.shared.Ids;
import dev.atom.shared.web.FieldErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Request parameters and bodies of the inbox API, checked; every bad one is named in one 400. */
final class InboxParams {
    static final int MAX_QUERY = 200;
    static final int MAX_REPLY = 100_000;
    static final Duration MAX_SNOOZE = Duration.ofDays(366);

    private InboxParams() {}

    static InboxQuery query(String source, String unread, String important, String q, String cursor, String limit) {
        FieldErrors errors = new FieldErrors();
        String connector = null;
        String connection = null;
        if (present(source)) {
            String s = source.strip().toLowerCase(Locale.ROOT);
            if (Ids.isValid(source.strip())) {
                connection = source.strip();
            } else if (InboxSources.LABELS.containsKey(s)) {
                connector = s;
            } else {
                errors.add("source", "must be gmail, outlook, email, slack, teams or a connection id");
            }
        }
        Boolean unreadOnly = bool(unread, "unread", errors);
        Boolean importantOnly = bool(important, "important", errors);
        String text = present(q) ? q.strip() : null;
        if (text != null && text.length() > MAX_QUERY) {
            errors.add("q", "must be at most " + MAX_QUERY + " characters");
        }
        int size = InboxQuery.DEFAULT_LIMIT;
        if (present(limit)) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > InboxQuery.MAX_LIMIT) {
                errors.add("limit", "must be a number from 1 to " + InboxQuery.MAX_LIMIT);
            }
        }
        InboxCursor after = null;
        if (present(cursor)) {
            after = InboxCursor.decode(cursor.strip()).orElse(null);
            if (after == null) {
                errors.add("cursor", "is not a cursor of the inbox list");
            }
        }
        errors.throwIfAny();
        return new InboxQuery(connector, connection, unreadOnly, importantOnly, text, after, size);
    }

    static Instant until(tools.jackson.databind.JsonNode body, Instant now) {
        tools.jackson.databind.JsonNode v = body == null ? null : body.get("until");
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw dev.atom.shared.web.ApiException.invalid("until", "is required: an ISO-8601 date-time with offset");
        }
        Instant until;
        try {
            until = OffsetDateTime.parse(v.asString().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw dev.atom.shared.web.ApiException.invalid("until", "must be an ISO-8601 date-time with offset");
        }
        if (!until.isAfter(now)) {
            throw dev.atom.shared.web.ApiException.invalid("until", "must be in the future");
        }
        if (until.isAfter(now.plus(MAX_SNOOZE))) {
            throw dev.atom.shared.web.ApiException.invalid("until", "must be within a year");
        }
        return until;
    }

    static String text(tools.jackson.databind.JsonNode body, String field, int max) {
        tools.jackson.databind.JsonNode v = body == null ? null : body.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw dev.atom.shared.web.ApiException.invalid(field, "is required");
        }
        if (v.asString().length() > max) {
            throw dev.atom.shared.web.ApiException.invalid(field, "must be at most " + max + " characters");
        }
        return v.asString();
    }

    private static Boolean bool(String value, String field, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> {
                errors.add(field, "must be true or false");
                yield null;
            }
        };
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
