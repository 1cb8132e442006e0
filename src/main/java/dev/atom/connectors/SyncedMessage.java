package dev.atom.connectors;

import java.time.Instant;
import java.util.List;

/**
 * A mail or chat message as a mail or chat connector reports it.
 *
 * @param kind {@code email} or {@code chat}
 * @param folder where it lives: a Gmail label set's main label, an IMAP/Graph folder, a Slack channel id
 * @param bodyText the body as plain text (HTML converted safely, no remote content), capped by the connector
 * @param fromMe sent by the connected account (kept so triage knows whom the person writes to)
 * @param directToMe addressed to the account itself, not only through a list or channel
 * @param mentionsMe a chat message that mentions the account
 * @param messageIdHeader the RFC 5322 Message-ID of an email (threaded replies), null for chat
 * @param replyTo the Reply-To addresses of an email (answers go there instead of {@code from}), else empty
 * @param references the References header of an email (a reply continues it), else null
 * @param problem why the body is partial or missing (a broken MIME part, HTML cut at the cap), else null: the
 *     message is still synced, the reason is shown with it
 */
public record SyncedMessage(
        String externalId,
        String kind,
        String threadId,
        String folder,
        String from,
        String fromName,
        List<String> to,
        List<String> cc,
        String subject,
        String snippet,
        String bodyText,
        Instant receivedAt,
        boolean unread,
        boolean fromMe,
        boolean directToMe,
        boolean mentionsMe,
        List<String> labels,
        String messageIdHeader,
        String link,
        List<String> replyTo,
        String references,
        String problem)
        implements SyncedItem {

    public SyncedMessage {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        labels = labels == null ? List.of() : List.copyOf(labels);
        replyTo = replyTo == null ? List.of() : List.copyOf(replyTo);
    }
}
