package dev.atom.connectors.email;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.UIDFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code email.new_mail}: messages that arrived in INBOX, by polling with the cursor {@code
 * UIDVALIDITY:lastUID}. The first poll records UIDNEXT-1 and emits nothing. When the server's UIDVALIDITY
 * changed (the folder was rebuilt: old UIDs mean nothing), the cursor restarts at the current end, nothing is
 * emitted for mail in between, and a warning says so. IMAP IDLE is not used: it holds a connection per account
 * per instance. Stateless.
 */
final class EmailNewMailTrigger implements PollingTrigger {
    private static final Logger log = LoggerFactory.getLogger(EmailNewMailTrigger.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_EVENTS = 100;
    private final MailboxActions mailbox;

    @Schema(description = "A message that arrived in INBOX")
    record NewMail(
            @Schema(description = "Its UID in INBOX (read it with email.read)")
            long uid,

            @Schema(description = "INBOX's UIDVALIDITY when it arrived")
            long uidValidity,

            @Schema(description = "The folder, INBOX") String folder,

            @Schema(description = "The Message-ID header") @Nullable
            String messageId,

            @Schema(description = "The Subject, decoded") @Nullable
            String subject,

            @Schema(description = "The From addresses") List<String> from,

            @Schema(description = "The Date header") @Nullable
            Instant date) {}

    EmailNewMailTrigger(MailboxActions mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public String id() {
        return "email.new_mail";
    }

    @Override
    public String name() {
        return "New e-mail";
    }

    @Override
    public String description() {
        return "Starts when a message arrives in INBOX (checked by polling IMAP).";
    }

    @Override
    public Class<NewMail> eventType() {
        return NewMail.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        return mailbox.inFolder(context, "INBOX", Folder.READ_ONLY, folder -> {
            IMAPFolder inbox = (IMAPFolder) folder;
            long validity = inbox.getUIDValidity();
            long last = inbox.getUIDNext() - 1;
            if (last < 0) {
                // a server that does not say UIDNEXT: the highest UID present
                Message[] all = inbox.getMessages();
                last = all.length == 0 ? 0 : inbox.getUID(all[all.length - 1]);
            }
            if (cursor == null) {
                return new Poll(List.of(), validity + ":" + last);
            }
            long[] parsed = parse(cursor);
            if (parsed[0] != validity) {
                log.warn(
                        "INBOX UIDVALIDITY of connection {} changed from {} to {}: the cursor restarts at UID {}"
                                + " and mail that arrived in between does not start workflows",
                        context.connection().id(),
                        parsed[0],
                        validity,
                        last);
                return new Poll(List.of(), validity + ":" + last);
            }
            long after = parsed[1];
            Message[] messages = inbox.getMessagesByUID(after + 1, UIDFolder.LASTUID);
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            inbox.fetch(messages, profile);
            List<TriggerEvent> events = new ArrayList<>();
            long next = after;
            for (Message m : messages) {
                long uid = inbox.getUID(m);
                // "UID n:*" answers the last message even when its UID is below n
                if (uid <= after || events.size() == MAX_EVENTS) {
                    continue;
                }
                var mail = new NewMail(
                        uid,
                        validity,
                        inbox.getFullName(),
                        MessageParts.first(m, "Message-ID"),
                        m.getSubject(),
                        MessageParts.addresses(m.getFrom()),
                        MailboxActions.date(m));
                events.add(new TriggerEvent(validity + ":" + uid, mail.date(), JSON.valueToTree(mail)));
                next = Math.max(next, uid);
            }
            return new Poll(events, validity + ":" + next);
        });
    }

    private static long[] parse(String cursor) {
        String[] parts = cursor.split(":");
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ConnectorException.Permanent(0, "cursor: not UIDVALIDITY:lastUID");
    }
}
