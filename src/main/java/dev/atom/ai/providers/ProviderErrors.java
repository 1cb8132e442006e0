package dev.atom.ai.providers;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Classifies a provider's error answer. The status decides (429 and 5xx retry, other 4xx do not); the body
 * refines it: OpenAI's {@code insufficient_quota} 429 is permanent, context-length errors of every provider
 * become {@link ProviderException.ContextTooLong}, and Gemini's bad-key 400 is an invalid key. The
 * provider's own message is kept, with anything that looks like a key removed.
 */
final class ProviderErrors {

    // Key-like tokens: OpenAI/Anthropic/DeepSeek "sk-...", Google "AIza...", and any long opaque token that
    // a provider may echo back (OpenAI's 401 message quotes part of the key).
    private static final Pattern KEY_LIKE =
            Pattern.compile("(sk-[A-Za-z0-9_\\-*.]{3,}|AIza[0-9A-Za-z_\\-]{10,}|[A-Za-z0-9_\\-*]{32,})");
    private static final int MAX_MESSAGE = 500;

    private ProviderErrors() {}

    static ProviderException fromResponse(
            String provider, int statusCode, HttpHeaders headers, String body, String apiKey, Clock clock) {
        JsonNode json = Json.parseOrNull(body);
        JsonNode error = json == null ? null : json.get("error");
        String providerMessage = message(json, error, body);
        String providerCode = error == null ? null : Json.text(error, "code");
        String errorType = error == null ? null : Json.text(error, "type");
        String message = provider + " answered " + statusCode + ": " + scrub(providerMessage, apiKey);
        String lower = providerMessage.toLowerCase(Locale.ROOT);

        if (statusCode == 429) {
            if ("insufficient_quota".equals(providerCode) || "insufficient_quota".equals(errorType)) {
                return new ProviderException.Permanent(statusCode, "insufficient_quota", message, null);
            }
            return new ProviderException.Retriable(
                    statusCode, "rate_limited", message, retryAfter(headers, error, clock), null);
        }
        if (statusCode == 529 || "overloaded_error".equals(errorType)) {
            return new ProviderException.Retriable(
                    statusCode, "overloaded", message, retryAfter(headers, error, clock), null);
        }
        if (statusCode >= 500 || statusCode == 408 || statusCode == 409) {
            String code = statusCode == 408 ? "timeout" : "server_error";
            return new ProviderException.Retriable(statusCode, code, message, retryAfter(headers, error, clock), null);
        }
        if (isContextTooLong(providerCode, lower)) {
            return new ProviderException.ContextTooLong(statusCode, message);
        }
        return switch (statusCode) {
            case 401 -> new ProviderException.Permanent(statusCode, "invalid_api_key", message, null);
            case 402 -> new ProviderException.Permanent(statusCode, "insufficient_quota", message, null);
            case 403 -> new ProviderException.Permanent(statusCode, "permission_denied", message, null);
            case 404 -> new ProviderException.Permanent(statusCode, "model_not_found", message, null);
            default -> {
                // Gemini answers a bad key with 400 INVALID_ARGUMENT and reason API_KEY_INVALID.
                if (lower.contains("api key not valid") || (body != null && body.contains("API_KEY_INVALID"))) {
                    yield new ProviderException.Permanent(statusCode, "invalid_api_key", message, null);
                }
                yield new ProviderException.Permanent(statusCode, "bad_request", message, null);
            }
        };
    }

    private static boolean isContextTooLong(String providerCode, String lowerMessage) {
        return "context_length_exceeded".equals(providerCode) // OpenAI, Azure, DeepSeek
                || lowerMessage.contains("maximum context length") // OpenAI-protocol servers without a code
                || lowerMessage.contains("prompt is too long") // Anthropic
                || lowerMessage.contains("exceeds the maximum number of tokens") // Gemini
                || lowerMessage.contains("context window");
    }

    /** error.message (OpenAI, Anthropic, Gemini), a bare error string, or the start of the raw body. */
    private static String message(JsonNode json, JsonNode error, String body) {
        String text = error == null ? null : error.isString() ? Json.text(error) : Json.text(error, "message");
        if (text == null && json != null) {
            text = Json.text(json, "message");
        }
        if (text == null) {
            text = body == null || body.isBlank() ? "(no message)" : body.strip();
        }
        return text;
    }

    /** The message without the key or anything shaped like one, on one line, at most 500 characters. */
    static String scrub(String message, String apiKey) {
        String text = message;
        if (apiKey != null && apiKey.length() >= 4) {
            text = text.replace(apiKey, "[redacted]");
        }
        text = KEY_LIKE.matcher(text).replaceAll("[redacted]").replaceAll("\\s+", " ");
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }

    /**
     * Retry-After as seconds or an HTTP-date (RFC 9110), OpenAI's {@code retry-after-ms}, or Gemini's
     * {@code RetryInfo.retryDelay} ("30s") in the error details; null when none was given.
     */
    static Duration retryAfter(HttpHeaders headers, JsonNode error, Clock clock) {
        if (headers != null) {
            var millis = headers.firstValue("retry-after-ms");
            if (millis.isPresent()) {
                try {
                    return Duration.ofMillis(
                            (long) Double.parseDouble(millis.get().strip()));
                } catch (NumberFormatException ignored) {
                    // fall through to Retry-After
                }
            }
            var value = headers.firstValue("retry-after");
            if (value.isPresent()) {
                Duration parsed = parseRetryAfter(value.get().strip(), clock);
                if (parsed != null) {
                    return parsed;
                }
            }
        }
        if (error != null && error.get("details") != null) {
            for (JsonNode detail : error.get("details").values()) {
                String delay = Json.text(detail, "retryDelay");
                if (delay != null && delay.endsWith("s")) {
                    try {
                        return Duration.ofMillis(
                                (long) (Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
                    } catch (NumberFormatException ignored) {
                        // not a duration; ignore
                    }
                }
            }
        }
        return null;
    }

    static Duration parseRetryAfter(String value, Clock clock) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
