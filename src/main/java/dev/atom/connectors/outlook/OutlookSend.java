package dev.atom.connectors.outlook;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** {@code outlook.send_mail}: POST /me/sendMail with a JSON message. Stateless. */
final class OutlookSend {
    /** "addr" or "Name <addr>"; the address without spaces, brackets or a second @. */
    private static final Pattern ADDRESS = Pattern.compile(
            "^\\s*(?:\"?([^\"<>\\r\\n]*?)\"?\\s*<([^\\s<>@]+@[^\\s<>@]+)>|([^\\s<>@]+@[^\\s<>@]+))\\s*$");

    private OutlookSend() {}

    enum BodyType {
        text,
        html
    }

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

            @Schema(description = "The subject", maxLength = 998)
            String subject,

            @Schema(description = "The body") String body,

            @Schema(description = "The body's format: text (default) or html") @Nullable
            BodyType bodyType,

            @Schema(description = "Keep a copy in Sent Items (default true)") @Nullable
            Boolean saveToSentItems) {}

    record Output(
            @Schema(description = "True: Graph accepted the message for delivery")
            boolean accepted,

            @Schema(description = "Whether a copy was saved in Sent Items")
            boolean savedToSentItems) {}

    static final LambdaAction<Input, Output> SEND = BaseAction.write(
                    "outlook.send_mail",
                    "Send an e-mail",
                    "Sends an e-mail from the connected Outlook mailbox, as plain text or HTML.",
                    Input.class,
                    Output.class,
                    // Graph's sendMail has no idempotency key: a retry after the request went out may send twice.
                    Idempotency.NONE,
                    OutlookSend::send)
            .reachingPeople();

    private static Output send(ActionContext context, Input in) {
        if (in.to().isEmpty()) {
            throw new ConnectorException.InvalidInput("to", "needs at least one recipient");
        }
        if (in.subject().contains("\r") || in.subject().contains("\n")) {
            throw new ConnectorException.InvalidInput("subject", "must be one line");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("subject", in.subject());
        message.put(
                "body",
                Map.of(
                        "contentType",
                        (in.bodyType() == null ? BodyType.text : in.bodyType()).name(),
                        "content",
                        in.body()));
        message.put("toRecipients", recipients(in.to(), "to"));
        if (in.cc() != null && !in.cc().isEmpty()) {
            message.put("ccRecipients", recipients(in.cc(), "cc"));
        }
        if (in.bcc() != null && !in.bcc().isEmpty()) {
            message.put("bccRecipients", recipients(in.bcc(), "bcc"));
        }
        boolean save = in.saveToSentItems() == null || in.saveToSentItems();
        // The parameter names as Graph's metadata spells them (Graph reads them case-insensitively).
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Message", message);
        body.put("SaveToSentItems", save);
        Graph.call(context, "POST", context.baseUrl() + "/me/sendMail", body, null, "to");
        return new Output(true, save);
    }

    static List<Map<String, Object>> recipients(List<String> addresses, String field) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            out.add(Map.of("emailAddress", emailAddress(addresses.get(i), field + "[" + i + "]")));
        }
        return out;
    }

    /** Graph's {@code emailAddress} ({address, name}) of "addr" or "Name <addr>"; {@code field} names a bad one. */
    static Map<String, Object> emailAddress(String text, String field) {
        Matcher m = text == null ? null : ADDRESS.matcher(text);
        if (m == null || !m.matches()) {
            throw new ConnectorException.InvalidInput(
                    field, "is not an e-mail address (name@example.com or Name <name@example.com>)");
        }
        Map<String, Object> email = new LinkedHashMap<>();
        if (m.group(3) != null) {
            email.put("address", m.group(3));
        } else {
            email.put("address", m.group(2));
            if (!m.group(1).isBlank()) {
                email.put("name", m.group(1).strip());
            }
        }
        return email;
    }
}
