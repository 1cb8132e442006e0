package dev.atom.connectors.gmail;

import static dev.atom.connectors.google.GoogleApi.strings;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code gmail.send}: an RFC 5322 message built by {@link MimeMessage}, sent as {raw} base64url. */
final class GmailSend {
    private GmailSend() {}

    @Schema(description = "An e-mail to send from the connected mailbox")
    record Input(
            @Schema(
                    description = "Recipients: addresses, optionally with names",
                    examples = "[\"Ann Müller <ann@example.com>\"]")
            List<String> to,

            @Schema(description = "Copy recipients") @Nullable
            List<String> cc,

            @Schema(description = "Blind copy recipients") @Nullable
            List<String> bcc,

            @Schema(description = "The subject (any language)", maxLength = 998)
            String subject,

            @Schema(description = "The plain-text body") @Nullable
            String text,

            @Schema(description = "The HTML body (sent beside the text one when both are given)") @Nullable
            String html,

            @Schema(description = "Reply in this conversation: its thread id") @Nullable
            String threadId,

            @Schema(description = "Reply to this message: its Message-ID header, e.g. <abc@mail.gmail.com>") @Nullable
            String inReplyTo) {}

    record Output(
            @Schema(description = "The sent message's id") String id,
            @Schema(description = "Its thread id") String threadId,
            @Schema(description = "Its labels (SENT...)") List<String> labelIds) {}

    static final LambdaAction<Input, Output> SEND = BaseAction.write(
                    "gmail.send",
                    "Send an e-mail",
                    "Sends an e-mail from the connected Gmail account, in plain text, HTML or both, optionally as a reply.",
                    Input.class,
                    Output.class,
                    // Gmail has no idempotency key for sending: a retry after the request went out may send twice.
                    Idempotency.NONE,
                    GmailSend::send)
            .reachingPeople();

    private static Output send(ActionContext context, Input in) {
        if (in.text() == null && in.html() == null) {
            throw new ConnectorException.InvalidInput("text", "give a text body, an HTML body or both");
        }
        if (in.to().isEmpty()) {
            throw new ConnectorException.InvalidInput("to", "needs at least one recipient");
        }
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        recipients.put("to", in.to());
        if (in.cc() != null) {
            recipients.put("cc", in.cc());
        }
        if (in.bcc() != null) {
            recipients.put("bcc", in.bcc());
        }
        byte[] mime =
                new MimeMessage(context.clock()).build(recipients, in.subject(), in.text(), in.html(), in.inReplyTo());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("raw", Base64.getUrlEncoder().encodeToString(mime));
        if (in.threadId() != null) {
            body.put("threadId", in.threadId());
        }
        JsonNode sent = GoogleApi.json(context, "POST", GmailConnector.users(context) + "/messages/send", body, "to");
        return new Output(text(sent, "id"), text(sent, "threadId"), strings(sent, "labelIds"));
    }
}
