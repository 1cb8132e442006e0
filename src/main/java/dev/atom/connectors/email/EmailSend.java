package dev.atom.connectors.email;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import dev.atom.shared.Ids;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code email.send}: one message over SMTP, text and/or HTML (a multipart/alternative when both), non-ASCII
 * headers RFC 2047-encoded, Bcc never written into the message, In-Reply-To and References for answers.
 * Stateless. A retry after the server accepted the message sends it again (idempotency none).
 */
final class EmailSend extends BaseAction<EmailSend.SendInput, EmailSend.Sent> {
    private static final String UTF8 = StandardCharsets.UTF_8.name();
    private final MailServers servers;

    @Schema(description = "A message to send")
    record SendInput(
            @Schema(description = "Recipients", examples = "[\"Ann <ann@example.com>\"]")
            List<String> to,

            @Schema(description = "Copy recipients") @Nullable
            List<String> cc,

            @Schema(description = "Blind copy recipients (not shown to the others)") @Nullable
            List<String> bcc,

            @Schema(description = "The subject (any language)")
            String subject,

            @Schema(description = "The plain-text body") @Nullable
            String text,

            @Schema(description = "The HTML body (sent beside the text as an alternative when both are given)")
            @Nullable
            String html,

            @Schema(description = "Where answers should go, when not to the sender") @Nullable
            String replyTo,

            @Schema(description = "The Message-ID of the message this answers (from email.read)") @Nullable
            String inReplyTo,

            @Schema(description = "The thread's Message-IDs, oldest first (defaults to inReplyTo)") @Nullable
            List<String> references) {}

    record Sent(
            @Schema(description = "The Message-ID given to the message")
            String messageId,

            @Schema(description = "Every recipient the server accepted")
            List<String> recipients) {}

    EmailSend(MailServers servers) {
        super(
                "email.send",
                "Send an e-mail",
                "Sends a message over SMTP from the connected address: text and/or HTML, cc, bcc, reply-to,"
                        + " and In-Reply-To/References when it answers another message.",
                SendInput.class,
                Sent.class,
                true,
                Idempotency.NONE);
        this.servers = servers;
    }

    @Override
    public boolean reachesPeople() {
        return true;
    }

    @Override
    public Sent execute(ActionContext context, SendInput in) {
        if (in.to().isEmpty()) {
            throw new ConnectorException.InvalidInput("to", "must name at least one recipient");
        }
        if (blank(in.text()) && blank(in.html())) {
            throw new ConnectorException.InvalidInput("text", "give text, html or both");
        }
        MailAccount account = MailAccount.of(context.credentials());
        InternetAddress from;
        try {
            from = address(account.fromAddress(), EmailConnector.FROM);
        } catch (ConnectorException.InvalidInput e) {
            throw new ConnectorException.NeedsReconnect("the credential 'from_address' is not an e-mail address");
        }
        try {
            MimeMessage message = new MimeMessage(servers.session(account));
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, addresses(in.to(), "to"));
            message.setRecipients(Message.RecipientType.CC, addresses(in.cc(), "cc"));
            message.setRecipients(Message.RecipientType.BCC, addresses(in.bcc(), "bcc"));
            if (!blank(in.replyTo())) {
                message.setReplyTo(new InternetAddress[] {address(in.replyTo(), "replyTo")});
            }
            message.setSubject(in.subject(), UTF8);
            message.setSentDate(Date.from(context.clock().instant()));
            body(message, in);
            if (!blank(in.inReplyTo())) {
                String parent = messageId(in.inReplyTo(), "inReplyTo");
                message.setHeader("In-Reply-To", parent);
                List<String> refs = new ArrayList<>();
                List<String> given = in.references() == null ? List.of() : in.references();
                for (int i = 0; i < given.size(); i++) {
                    refs.add(messageId(given.get(i), "references[" + i + "]"));
                }
                if (!refs.contains(parent)) {
                    refs.add(parent);
                }
                message.setHeader("References", String.join(" ", refs));
            }
            message.saveChanges();
            String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
            String id = "<" + Ids.newId() + "@" + domain + ">";
            message.setHeader("Message-ID", id);
            try (Transport transport = servers.smtp(account)) {
                transport.sendMessage(message, message.getAllRecipients());
            }
            return new Sent(id, MessageParts.addresses(message.getAllRecipients()));
        } catch (MessagingException e) {
            throw MailErrors.of(e, "SMTP", "to");
        }
    }

    private static void body(MimeMessage message, SendInput in) throws MessagingException {
        if (!blank(in.text()) && !blank(in.html())) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(in.text(), UTF8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(in.html(), UTF8, "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            message.setContent(alternative);
        } else if (!blank(in.html())) {
            message.setText(in.html(), UTF8, "html");
        } else {
            message.setText(in.text(), UTF8, "plain");
        }
    }

    private static InternetAddress[] addresses(List<String> values, String field) {
        if (values == null) {
            return new InternetAddress[0];
        }
        InternetAddress[] out = new InternetAddress[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = address(values.get(i), field + "[" + i + "]");
        }
        return out;
    }

    private static InternetAddress address(String value, String field) {
        try {
            InternetAddress a = new InternetAddress(value == null ? "" : value.strip(), true);
            if (a.getAddress() == null || !a.getAddress().contains("@")) {
                throw new AddressException("no domain");
            }
            return a;
        } catch (AddressException e) {
            throw new ConnectorException.InvalidInput(field, "is not an e-mail address");
        }
    }

    /** A Message-ID in angle brackets; the bare form is accepted. */
    private static String messageId(String value, String field) {
        String v = value.strip();
        String bare = v.startsWith("<") && v.endsWith(">") ? v.substring(1, v.length() - 1) : v;
        if (!bare.matches("[^\\s<>@]+@[^\\s<>@]+")) {
            throw new ConnectorException.InvalidInput(field, "is not a Message-ID (<id@host>)");
        }
        return "<" + bare + ">";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
