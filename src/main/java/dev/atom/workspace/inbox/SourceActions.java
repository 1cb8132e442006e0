package dev.atom.workspace.inbox;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncedMessage;
import dev.atom.connectors.UnknownReference;
import dev.atom.shared.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inbox actions carried out through the message's own connector (IMAP flags and folders, Gmail labels, Graph,
 * Slack), so the service stays the truth; a source without such a notion (Slack's read state, its archive) is
 * changed in Atom only. Each runs as the member acting (their rights checked, the call in the connection's call
 * log under their name). Service failures become problems the client can act on (424 reconnect, 502/503 retry).
 */
@Component
class SourceActions {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Connectors connectors;

    SourceActions(Connectors connectors) {
        this.connectors = connectors;
    }

    void setRead(Connectors.Caller caller, InboxMessage m, boolean read) {
        SyncedMessage s = m.message();
        switch (m.connectorId()) {
            case "email" ->
                run(caller, m, "email.mark", Map.of("folder", folder(s), "uids", List.of(uid(s)), "seen", read));
            case "gmail" ->
                run(
                        caller,
                        m,
                        read ? "gmail.remove_labels" : "gmail.add_labels",
                        Map.of("messageId", s.externalId(), "labelIds", List.of("UNREAD")));
            case "outlook" -> run(caller, m, "outlook.flag_mail", Map.of("messageId", s.externalId(), "isRead", read));
            default -> {} // chat: read state lives in Atom
        }
    }

    void archive(Connectors.Caller caller, InboxMessage m) {
        SyncedMessage s = m.message();
        switch (m.connectorId()) {
            case "email" -> run(caller, m, "email.archive", Map.of("folder", folder(s), "uids", List.of(uid(s))));
            case "gmail" ->
                run(
                        caller,
                        m,
                        "gmail.remove_labels",
                        Map.of("messageId", s.externalId(), "labelIds", List.of("INBOX")));
            case "outlook" ->
                run(caller, m, "outlook.move_mail", Map.of("messageId", s.externalId(), "destination", "archive"));
            default -> {} // chat: archived in Atom only
        }
    }

    /** The connector action and input of a reply (as the member acting); see {@link #replyCall}. */
    record Call(String action, JsonNode input) {}

    /** Answers in the message's thread, to the right people, at once (the inbox page's reply). */
    void reply(Connectors.Caller caller, InboxMessage m, String text) {
        Call call = replyCall(m, text);
        runNode(caller, m, call.action(), call.input());
    }

    /**
     * The action that answers {@code m} in its thread, to the right people: Reply-To or the sender (the recipients
     * of one's own); 422 for a source that cannot reply.
     */
    Call replyCall(InboxMessage m, String text) {
        SyncedMessage s = m.message();
        return switch (m.connectorId()) {
            case "email", "gmail" -> {
                Map<String, Object> in = new LinkedHashMap<>();
                in.put("to", recipients(s));
                in.put("subject", replySubject(s.subject()));
                in.put("text", text);
                if (s.messageIdHeader() != null) {
                    in.put("inReplyTo", s.messageIdHeader());
                }
                if (m.connectorId().equals("gmail")) {
                    in.put("threadId", s.threadId());
                } else if (s.messageIdHeader() != null) {
                    List<String> refs = new ArrayList<>();
                    if (s.references() != null && !s.references().isBlank()) {
                        refs.addAll(List.of(s.references().strip().split("\\s+")));
                    }
                    refs.add(s.messageIdHeader());
                    in.put("references", refs);
                }
                yield call(m.connectorId().equals("gmail") ? "gmail.send" : "email.send", in);
            }
            case "outlook" -> call("outlook.reply_mail", Map.of("messageId", s.externalId(), "comment", text));
            case "slack" -> {
                boolean threaded = s.threadId() != null && !s.threadId().equals(ts(s));
                yield threaded
                        ? call(
                                "slack.reply_in_thread",
                                Map.of("channel", s.folder(), "threadTs", s.threadId(), "text", text))
                        : call("slack.post_message", Map.of("channel", s.folder(), "text", text));
            }
            // a Teams chat message's folder is its chat: the answer goes to that chat
            case "teams" -> call("teams.send_chat_message", Map.of("chatId", s.folder(), "text", text));
            default ->
                throw new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "unsupported",
                        "Replying is not supported for " + m.connectorId());
        };
    }

    private static Call call(String action, Map<String, ?> input) {
        return new Call(action, JSON.valueToTree(input));
    }

    static List<String> recipients(SyncedMessage s) {
        if (s.fromMe()) {
            return s.to();
        }
        if (!s.replyTo().isEmpty()) {
            return s.replyTo();
        }
        return s.fromName() == null ? List.of(s.from()) : List.of(s.fromName() + " <" + s.from() + ">");
    }

    static String replySubject(String subject) {
        String s = subject == null ? "" : subject.strip();
        return s.regionMatches(true, 0, "re:", 0, 3) ? s : "Re: " + s;
    }

    /** An IMAP message's external id is {@code UIDVALIDITY/UID}. */
    private static long uid(SyncedMessage s) {
        return Long.parseLong(s.externalId().substring(s.externalId().indexOf('/') + 1));
    }

    private static String folder(SyncedMessage s) {
        return s.folder() == null ? "INBOX" : s.folder();
    }

    /** A Slack message's external id is {@code channel/ts}. */
    private static String ts(SyncedMessage s) {
        return s.externalId().substring(s.externalId().indexOf('/') + 1);
    }

    private void run(Connectors.Caller caller, InboxMessage m, String action, Map<String, ?> input) {
        runNode(caller, m, action, JSON.valueToTree(input));
    }

    private void runNode(Connectors.Caller caller, InboxMessage m, String action, JsonNode node) {
        try {
            connectors.runRecorded(caller, m.connectionId(), action, node, null);
        } catch (ConnectorException.NeedsReconnect e) {
            throw new ApiException(
                    HttpStatus.FAILED_DEPENDENCY,
                    "needs-reconnect",
                    "The connection needs reconnecting: " + e.getMessage());
        } catch (ConnectorException.Retriable e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", e.getMessage());
        } catch (ConnectorException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "service-refused", e.getMessage());
        } catch (UnknownReference e) {
            throw ApiException.notFound("Connection");
        }
    }
}
