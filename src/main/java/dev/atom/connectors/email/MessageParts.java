package dev.atom.connectors.email;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message's MIME tree walked once: the first text/plain and text/html bodies (decoded from their transfer
 * encoding and charset) and every other leaf as attachment metadata. Not thread-safe; one per message.
 */
final class MessageParts {
    static final int MAX_BODY_CHARS = 1_000_000;
    private static final long MAX_COUNTED_BYTES = 50L << 20;

    String text;
    String html;
    boolean truncated;
    final List<EmailMessages.Attachment> attachments = new ArrayList<>();
    private final boolean withAttachments;

    private MessageParts(boolean withAttachments) {
        this.withAttachments = withAttachments;
    }

    /** Bodies and attachment metadata (attachments are downloaded to count their decoded size). */
    static MessageParts of(Part message) throws MessagingException, IOException {
        MessageParts parts = new MessageParts(true);
        parts.walk(message, 0);
        return parts;
    }

    /** Only the bodies: attachments are not fetched (a search's snippets). */
    static MessageParts bodies(Part message) throws MessagingException, IOException {
        MessageParts parts = new MessageParts(false);
        parts.walk(message, 0);
        return parts;
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        if (depth > 20) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), depth + 1);
            }
            return;
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attached && part.isMimeType("text/plain") && text == null) {
            text = body(part);
        } else if (!attached && part.isMimeType("text/html") && html == null) {
            html = body(part);
        } else if (withAttachments) {
            attachments.add(attachment(part));
        }
    }

    private String body(Part part) throws MessagingException, IOException {
        String s;
        try {
            Object content = part.getContent();
            s = content instanceof String str ? str : decode(part);
        } catch (IOException e) {
            // an unknown charset: read the bytes as UTF-8 rather than fail the whole message
            s = decode(part);
        }
        if (s.length() > MAX_BODY_CHARS) {
            truncated = true;
            return s.substring(0, MAX_BODY_CHARS);
        }
        return s;
    }

    private static String decode(Part part) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null && Charset.isSupported(MimeUtility.javaCharset(name))) {
                charset = Charset.forName(MimeUtility.javaCharset(name));
            }
        } catch (MessagingException | IllegalArgumentException e) {
            // keep UTF-8
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_BODY_CHARS * 4), charset);
        }
    }

    private static EmailMessages.Attachment attachment(Part part) throws MessagingException, IOException {
        String filename = part.getFileName();
        if (filename != null) {
            filename = MimeUtility.decodeText(filename);
        }
        String type;
        try {
            type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            type = "application/octet-stream";
        }
        long size = 0;
        try (InputStream in = part.getInputStream()) {
            // the decoded size (the server's is of the encoded text), counted up to a bound
            byte[] buffer = new byte[8192];
            for (int n; size < MAX_COUNTED_BYTES && (n = in.read(buffer)) > 0; ) {
                size += n;
            }
        }
        String[] ids = part.getHeader("Content-ID");
        String contentId = ids == null || ids.length == 0 ? null : ids[0].strip();
        boolean inline = Part.INLINE.equalsIgnoreCase(part.getDisposition());
        return new EmailMessages.Attachment(filename, type, size, contentId, inline);
    }

    /** Addresses as readable text (display names decoded), never null. */
    static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                out.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
            }
        }
        return out;
    }

    static String first(Message m, String header) throws MessagingException {
        String[] values = m.getHeader(header);
        return values == null || values.length == 0 ? null : values[0].strip();
    }

    static String snippet(String text, int max) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("\\s+", " ").strip();
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
