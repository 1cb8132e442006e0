package dev.atom.connectors.email;

import dev.atom.connectors.MessageText;
import dev.atom.connectors.SyncedMessage;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An IMAP message as a {@link SyncedMessage}: headers, flags, the body as safe text. A part that cannot be read
 * (broken MIME, an unknown encoding) leaves the body empty with the reason in {@code problem}; it never fails the
 * sync. The thread is the first Message-ID of References, else In-Reply-To, else the message's own.
 */
final class ImapSyncedMessages {
    private ImapSyncedMessages() {}

    static SyncedMessage of(Message m, String externalId, String folder, String account) {
        String problem = null;
        String subject = null;
        InternetAddress from = null;
        List<String> to = List.of();
        List<String> cc = List.of();
        List<String> replyTo = List.of();
        String messageId = null;
        String inReplyTo = null;
        String references = null;
        boolean list = false;
        Instant date = null;
        boolean seen = false;
        boolean flagged = false;
        try {
            seen = m.isSet(Flags.Flag.SEEN);
            flagged = m.isSet(Flags.Flag.FLAGGED);
            Address[] froms = m.getFrom();
            from = froms != null && froms.length > 0 && froms[0] instanceof InternetAddress ia ? ia : null;
            subject = m.getSubject();
            to = MessageParts.addresses(m.getRecipients(Message.RecipientType.TO));
            cc = MessageParts.addresses(m.getRecipients(Message.RecipientType.CC));
            replyTo = m.getHeader("Reply-To") == null ? List.of() : MessageParts.addresses(m.getReplyTo());
            messageId = MessageParts.first(m, "Message-ID");
            inReplyTo = MessageParts.first(m, "In-Reply-To");
            references = MessageParts.first(m, "References");
            list = m.getHeader("List-Id") != null
                    || m.getHeader("List-Unsubscribe") != null
                    || isBulk(MessageParts.first(m, "Precedence"));
            date = m.getReceivedDate() != null ? m.getReceivedDate().toInstant() : MailboxActions.date(m);
        } catch (MessagingException | RuntimeException e) {
            problem = "the headers could not be read (" + e.getClass().getSimpleName() + ")";
        }
        String body = null;
        try {
            MessageParts parts = MessageParts.bodies(m);
            MessageText.Body text = MessageText.of(parts.text, parts.html);
            body = text.text();
            if (problem == null) {
                problem = parts.truncated
                        ? "the body was cut at " + MessageParts.MAX_BODY_CHARS + " characters"
                        : text.problem();
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            if (problem == null) {
                problem =
                        "the MIME structure could not be read (" + e.getClass().getSimpleName() + ")";
            }
        }
        String me = bare(account);
        String fromAddress = from == null ? null : from.getAddress();
        boolean fromMe = fromAddress != null && fromAddress.equalsIgnoreCase(me);
        boolean directToMe = !list && to.stream().map(ImapSyncedMessages::bare).anyMatch(a -> a.equalsIgnoreCase(me));
        List<String> labels = new ArrayList<>();
        if (flagged) {
            labels.add("flagged");
        }
        return new SyncedMessage(
                externalId,
                "email",
                thread(references, inReplyTo, messageId, externalId),
                folder,
                fromAddress,
                from == null ? null : from.getPersonal(),
                to,
                cc,
                subject,
                MessageText.snippet(body, 200),
                body,
                date == null ? Instant.EPOCH : date,
                !seen,
                fromMe,
                directToMe,
                false,
                labels,
                messageId,
                null,
                replyTo,
                references,
                problem);
    }

    private static String thread(String references, String inReplyTo, String messageId, String externalId) {
        if (references != null && !references.isBlank()) {
            return references.strip().split("\\s+")[0];
        }
        if (inReplyTo != null && !inReplyTo.isBlank()) {
            return inReplyTo.strip().split("\\s+")[0];
        }
        return messageId != null ? messageId : externalId;
    }

    private static boolean isBulk(String precedence) {
        return precedence != null
                && List.of("bulk", "list", "junk").contains(precedence.strip().toLowerCase(Locale.ROOT));
    }

    /** The address alone, from "Name <a@b>" or "a@b". */
    static String bare(String address) {
        if (address == null) {
            return "";
        }
        int lt = address.lastIndexOf('<');
        int gt = address.lastIndexOf('>');
        return (lt >= 0 && gt > lt ? address.substring(lt + 1, gt) : address).strip();
    }
}
