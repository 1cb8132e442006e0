package dev.atom.connectors.gmail;

import dev.atom.connectors.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an RFC 5322 message: non-ASCII header text as RFC 2047 encoded words (UTF-8, base64), bodies as
 * UTF-8 in base64 transfer encoding, text and HTML as multipart/alternative. Refuses line breaks in header
 * input (header injection). One instance per message; not thread-safe.
 */
final class MimeMessage {
    private static final Pattern NAMED = Pattern.compile("^\\s*(.*?)\\s*<([^<>\\s]+)>\\s*$");
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>\",;]+@[^@\\s<>\",;]+$");
    private static final Pattern MESSAGE_ID = Pattern.compile("^<[^<>\\s]+>$");
    private static final String CRLF = "\r\n";
    private final Clock clock;
    private final StringBuilder out = new StringBuilder();

    MimeMessage(Clock clock) {
        this.clock = clock;
    }

    /** The message's bytes; {@code recipients} maps to/cc/bcc (the input fields) to addresses. */
    byte[] build(Map<String, List<String>> recipients, String subject, String text, String html, String inReplyTo) {
        recipients.forEach((field, list) -> {
            List<String> encoded = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                encoded.add(address(list.get(i), field + "[" + i + "]"));
            }
            if (!encoded.isEmpty()) {
                header(Character.toUpperCase(field.charAt(0)) + field.substring(1), String.join(", ", encoded));
            }
        });
        header("Subject", encodeWords(noBreaks(subject, "subject")));
        header("Date", ZonedDateTime.now(clock).format(DateTimeFormatter.RFC_1123_DATE_TIME));
        if (inReplyTo != null) {
            if (!MESSAGE_ID.matcher(inReplyTo.strip()).matches()) {
                throw new ConnectorException.InvalidInput("inReplyTo", "must be a Message-ID like <abc@example.com>");
            }
            header("In-Reply-To", inReplyTo.strip());
            header("References", inReplyTo.strip());
        }
        header("MIME-Version", "1.0");
        if (text != null && html != null) {
            String boundary = "atom-" + UUID.randomUUID();
            header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
            out.append(CRLF);
            part(boundary, "text/plain", text);
            part(boundary, "text/html", html);
            out.append("--").append(boundary).append("--").append(CRLF);
        } else {
            body(text != null ? "text/plain" : "text/html", text != null ? text : html);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void part(String boundary, String type, String content) {
        out.append("--").append(boundary).append(CRLF);
        body(type, content);
    }

    private void body(String type, String content) {
        header("Content-Type", type + "; charset=UTF-8");
        header("Content-Transfer-Encoding", "base64");
        out.append(CRLF);
        out.append(Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(content.getBytes(StandardCharsets.UTF_8)));
        out.append(CRLF);
    }

    private void header(String name, String value) {
        out.append(name).append(": ").append(value).append(CRLF);
    }

    /** {@code ann@example.com} or {@code Ann Müller <ann@example.com>}, the name encoded when it must be. */
    static String address(String value, String field) {
        String v = noBreaks(value, field).strip();
        Matcher named = NAMED.matcher(v);
        String name = null;
        String addr = v;
        if (named.matches()) {
            name = named.group(1);
            addr = named.group(2);
        }
        if (!ADDRESS.matcher(addr).matches()
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(addr)) {
            throw new ConnectorException.InvalidInput(field, "is not an e-mail address");
        }
        if (name == null || name.isEmpty()) {
            return addr;
        }
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        String shown =
                isAscii(name) ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : encodeWords(name);
        return shown + " <" + addr + ">";
    }

    /**
     * RFC 2047: ASCII text as it is; anything else as UTF-8 base64 encoded words of at most 75 characters,
     * split between code points, folded onto continuation lines.
     */
    static String encodeWords(String text) {
        if (isAscii(text)) {
            return text;
        }
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String one = new String(Character.toChars(cp));
            int n = one.getBytes(StandardCharsets.UTF_8).length;
            // 45 bytes of UTF-8 become 60 characters of base64: with "=?UTF-8?B?" and "?=" that is 72.
            if (bytes + n > 45) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(one);
            bytes += n;
            i += Character.charCount(cp);
        }
        words.add(word(chunk.toString()));
        return String.join(CRLF + " ", words);
    }

    private static String word(String s) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String noBreaks(String value, String field) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new ConnectorException.InvalidInput(field, "must not contain line breaks");
        }
        return value;
    }
}
