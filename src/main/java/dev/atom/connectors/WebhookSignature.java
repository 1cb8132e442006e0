package dev.atom.connectors;

import dev.atom.connectors.WebhookRefusal.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * How a service signs its webhook deliveries: an HMAC ({@link Algorithm}) of the signed bytes under the shared
 * secret, sent in {@code header} as hex or base64 after an optional {@code prefix}. {@link #verify} reads the
 * header (any letter case), accepts any of several comma-separated signatures (a secret being rotated, Stripe's
 * {@code t=...,v1=...}), and compares in constant time. Immutable and thread-safe.
 *
 * <pre>{@code
 * GITHUB = WebhookSignature.hex("X-Hub-Signature-256", Algorithm.SHA256, "sha256=");
 * GITHUB.verify(headers, secret, body);
 * SLACK = WebhookSignature.hex("X-Slack-Signature", Algorithm.SHA256, "v0=");
 * Instant at = WebhookSignature.unixSeconds(headers, "X-Slack-Request-Timestamp");
 * SLACK.verify(headers, secret, bytes("v0:" + stamp + ":"), body);
 * WebhookSignature.within(at, clock, Duration.ofMinutes(5));   // after the signature: see within()
 * }</pre>
 */
public record WebhookSignature(String header, Algorithm algorithm, Encoding encoding, String prefix) {

    public enum Algorithm {
        SHA1("HmacSHA1"),
        SHA256("HmacSHA256");

        private final String jca;

        Algorithm(String jca) {
            this.jca = jca;
        }
    }

    public enum Encoding {
        HEX,
        BASE64
    }

    public WebhookSignature {
        prefix = prefix == null ? "" : prefix;
    }

    /** Hex signatures after {@code prefix} ({@code "sha256="}, {@code "v0="}, {@code "v1="}, or "" for none). */
    public static WebhookSignature hex(String header, Algorithm algorithm, String prefix) {
        return new WebhookSignature(header, algorithm, Encoding.HEX, prefix);
    }

    /** Base64 signatures with no prefix (Twilio, Trello, Shopify). */
    public static WebhookSignature base64(String header, Algorithm algorithm) {
        return new WebhookSignature(header, algorithm, Encoding.BASE64, "");
    }

    /**
     * Checks the delivery: the HMAC of {@code signed} (concatenated) must equal one of the header's signatures.
     * Returns the signature that matched (with its prefix), which can serve as a delivery id. Throws {@link
     * WebhookRefusal} {@code MISSING_SIGNATURE} or {@code BAD_SIGNATURE}; an empty secret is the caller's bug
     * ({@link IllegalArgumentException}).
     */
    public String verify(Map<String, List<String>> headers, String secret, byte[]... signed) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        String value = header(headers, header);
        if (value == null) {
            throw new WebhookRefusal(Reason.MISSING_SIGNATURE, "the " + header + " header is missing");
        }
        byte[] expected = sign(secret, signed);
        String matched = null;
        for (String candidate : value.split(",")) {
            String s = candidate.strip();
            if (!s.startsWith(prefix)) {
                continue;
            }
            // every candidate is compared, so the time taken does not say which one (if any) came close
            if (MessageDigest.isEqual(expected, decode(s.substring(prefix.length()))) && matched == null) {
                matched = s;
            }
        }
        if (matched == null) {
            throw new WebhookRefusal(Reason.BAD_SIGNATURE, "the signature does not match the body and secret");
        }
        return matched;
    }

    /** The HMAC of {@code signed} (concatenated) under {@code secret}: what the service computes. */
    public byte[] sign(String secret, byte[]... signed) {
        try {
            Mac mac = Mac.getInstance(algorithm.jca);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm.jca));
            for (byte[] part : signed) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header value the service would send for {@code signed}: prefix and encoded HMAC (for tests, senders). */
    public String signature(String secret, byte[]... signed) {
        byte[] mac = sign(secret, signed);
        return prefix
                + (encoding == Encoding.HEX
                        ? HexFormat.of().formatHex(mac)
                        : Base64.getEncoder().encodeToString(mac));
    }

    private byte[] decode(String text) {
        try {
            return encoding == Encoding.HEX
                    ? HexFormat.of().parseHex(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0]; // never equal to a MAC
        }
    }

    /** The first value of header {@code name}, whatever the letter case of the name; null when absent or blank. */
    public static @Nullable String header(Map<String, List<String>> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().equalsIgnoreCase(name)
                    && !e.getValue().isEmpty()) {
                String v = e.getValue().getFirst();
                return v == null || v.isBlank() ? null : v.strip();
            }
        }
        return null;
    }

    /**
     * The {@code key=value} pairs of a list header ({@code t=1492774577,v1=5257a8...}), the first value of each
     * key, in order.
     */
    public static Map<String, String> pairs(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(
                        part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return out;
    }

    /**
     * Header {@code name} read as Unix seconds. Throws {@link WebhookRefusal} {@code MISSING_TIMESTAMP} when
     * absent, {@code MALFORMED} when not a number of seconds.
     */
    public static Instant unixSeconds(Map<String, List<String>> headers, String name) {
        String value = header(headers, name);
        if (value == null) {
            throw new WebhookRefusal(Reason.MISSING_TIMESTAMP, "the " + name + " header is missing");
        }
        return unixSeconds(value, name);
    }

    /** {@code value} (named {@code what} in the refusal) as Unix seconds; {@code MALFORMED} when it is not. */
    public static Instant unixSeconds(String value, String what) {
        if (value == null || !value.strip().matches("[0-9]{1,12}")) {
            throw new WebhookRefusal(Reason.MALFORMED, what + " must be Unix seconds");
        }
        return Instant.ofEpochSecond(Long.parseLong(value.strip()));
    }

    /**
     * Refuses ({@code STALE_TIMESTAMP}) a delivery dated more than {@code window} before or after the clock's
     * now, so a captured delivery cannot be replayed later. Call it after {@link #verify}: an unsigned request
     * then learns nothing about the clock.
     */
    public static void within(Instant at, Clock clock, Duration window) {
        if (Duration.between(at, clock.instant()).abs().compareTo(window) > 0) {
            throw new WebhookRefusal(
                    Reason.STALE_TIMESTAMP, "the timestamp is more than " + window.toMinutes() + " minutes from now");
        }
    }

    /** UTF-8 bytes of {@code text}, for the signed parts. */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
