package dev.atom.connectors;

import dev.atom.shared.net.GuardedHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies a service's HTTP answer into the connector exception hierarchy. Stateless. */
public final class ServiceErrors {
    private static final Pattern MESSAGE = Pattern.compile(
            "\"(?:message|error_description|error|detail|title)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,300})\"");

    private ServiceErrors() {}

    /** Throws unless the status is below 400; {@code now} dates a Retry-After given as an HTTP date. */
    public static void raise(GuardedHttpClient.Response response, Instant now) {
        int status = response.status();
        if (status < 400) {
            return;
        }
        String message = message(response);
        if (status == 401) {
            throw new ConnectorException.NeedsReconnect("the service rejected the credentials (" + message + ")");
        }
        if (status == 429 || status == 408 || status >= 500) {
            throw new ConnectorException.Retriable(status, message, retryAfter(response.header("retry-after"), now));
        }
        throw new ConnectorException.Permanent(status, message);
    }

    /** The service's own short error message when its body has one, else the status line. */
    public static String message(GuardedHttpClient.Response response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        Matcher m = MESSAGE.matcher(body);
        if (m.find()) {
            return m.group(1).replace("\\\"", "\"");
        }
        return "HTTP " + response.status();
    }

    /** Retry-After as seconds or an HTTP date, relative to {@code now}; null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip();
        if (h.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(h));
        }
        try {
            Instant at =
                    ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
