package dev.atom.connectors.gmail;

import dev.atom.connectors.MessageText;
import dev.atom.connectors.SyncedMessage;
import dev.atom.connectors.google.GoogleApi;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.parser.Parser;
import tools.jackson.databind.JsonNode;

/**
 * A Gmail message (users.messages.get, format full or metadata) as a {@link SyncedMessage}: headers, labels, the
 * body as safe text ({@link MessageText}: HTML through jsoup, nothing remote). A body that cannot be decoded is
 * left out with the reason in {@code problem}; it never fails the sync. The thread is Gmail's threadId, which
 * gmail.send continues. Stateless.
 */
final class GmailSyncedMessages {
    private GmailSyncedMessages() {}

    /** {@code problem} says why the body is missing when the caller could only read the metadata, else null. */
    static SyncedMessage of(JsonNode m, String account, String problem) {
        Map<String, String> h = GmailMessage.headerMap(m.path("payload").path("headers"));
        String body = null;
        if (problem == null) {
            try {
                GmailMessage parsed = GmailMessage.of(m);
                MessageText.Body text = MessageText.of(parsed.text(), parsed.html());
                body = text.text();
                problem = text.problem();
            } catch (RuntimeException e) {
                problem = "the body could not be decoded (" + e.getClass().getSimpleName() + ")";
            }
        }
        List<String> labels = GoogleApi.strings(m, "labelIds");
        InternetAddress from = first(h.get("from"));
        List<String> to = addresses(h.get("to"));
        String me = account == null ? "" : account;
        String fromAddress = from == null ? null : from.getAddress();
        boolean fromMe = labels.contains("SENT") || (fromAddress != null && fromAddress.equalsIgnoreCase(me));
        boolean list = h.containsKey("list-id")
                || h.containsKey("list-unsubscribe")
                || List.of("bulk", "list", "junk")
                        .contains(h.getOrDefault("precedence", "").strip().toLowerCase(Locale.ROOT));
        boolean directToMe = !list && to.stream().map(GmailSyncedMessages::bare).anyMatch(me::equalsIgnoreCase);
        String id = GoogleApi.text(m, "id");
        String snippet = GoogleApi.text(m, "snippet");
        return new SyncedMessage(
                id,
                "email",
                GoogleApi.text(m, "threadId"),
                labels.contains("INBOX") ? "INBOX" : labels.contains("SENT") ? "SENT" : null,
                fromAddress,
                from == null ? null : from.getPersonal(),
                to,
                addresses(h.get("cc")),
                h.get("subject"),
                // Gmail's snippet is HTML-escaped ("I&#39;m")
                snippet != null
                        ? MessageText.snippet(Parser.unescapeEntities(snippet, false), 200)
                        : MessageText.snippet(body, 200),
                body,
                received(m),
                labels.contains("UNREAD"),
                fromMe,
                directToMe,
                false,
                labels,
                h.get("message-id"),
                "https://mail.google.com/mail/#all/" + id,
                addresses(h.get("reply-to")),
                h.get("references"),
                problem);
    }

    /** internalDate (when Gmail received it, epoch milliseconds); the epoch when Gmail sent none. */
    private static Instant received(JsonNode m) {
        String ms = GoogleApi.text(m, "internalDate");
        try {
            return ms == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(ms));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }

    /** The addresses of a header as "Name <address>" (decoded), leaving out what does not parse. */
    static List<String> addresses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        try {
            for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
                out.add(a.toUnicodeString());
            }
        } catch (AddressException e) {
            out.add(header.strip());
        }
        return out;
    }

    private static InternetAddress first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] all = InternetAddress.parseHeader(header, false);
            return all.length == 0 ? null : all[0];
        } catch (AddressException e) {
            return null;
        }
    }

    /** The address alone, from "Name <a@b>" or "a@b". */
    static String bare(String address) {
        int lt = address.lastIndexOf('<');
        int gt = address.lastIndexOf('>');
        return (lt >= 0 && gt > lt ? address.substring(lt + 1, gt) : address).strip();
    }
}
