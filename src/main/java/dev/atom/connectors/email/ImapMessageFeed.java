package dev.atom.connectors.email;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.SyncPage;
import dev.atom.connectors.SyncRequest;
import dev.atom.connectors.SyncedItem;
import dev.atom.connectors.SyncedMessage;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * {@code email.messages}: INBOX over IMAP. The cursor holds UIDVALIDITY, the highest UID synced, the server's
 * HIGHESTMODSEQ (when it offers CONDSTORE) and, as UID ranges, the messages synced and which of them were unread.
 * Each poll lists the UIDs present: ones that vanished were expunged or moved away ({@link SyncChange.Removed});
 * messages whose flags changed (CHANGEDSINCE with CONDSTORE, else a changed unread state) and new ones are sent
 * whole. A different UIDVALIDITY means old UIDs mean nothing: {@link SyncPage#cursorExpired()}. Stateless.
 */
final class ImapMessageFeed implements SyncFeed {
    static final String FOLDER = "INBOX";
    private final MailboxActions mailbox;

    ImapMessageFeed(MailboxActions mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public String id() {
        return "email.messages";
    }

    @Override
    public Class<? extends SyncedItem> itemType() {
        return SyncedMessage.class;
    }

    /** What the cursor carries between polls. */
    record Cursor(long validity, long lastUid, long modseq, NavigableSet<Long> known, NavigableSet<Long> unread) {
        String encode() {
            return "v1;" + validity + ";" + lastUid + ";" + modseq + ";" + UidSet.format(known) + ";"
                    + UidSet.format(unread);
        }

        static Cursor decode(String text) {
            String[] p = text.split(";", -1);
            try {
                if (p.length == 6 && p[0].equals("v1")) {
                    return new Cursor(
                            Long.parseLong(p[1]),
                            Long.parseLong(p[2]),
                            Long.parseLong(p[3]),
                            UidSet.parse(p[4]),
                            UidSet.parse(p[5]));
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new ConnectorException.Permanent(0, "cursor: not an email.messages cursor");
        }
    }

    @Override
    public SyncPage fetch(ActionContext context, SyncRequest request) {
        String account = MailAccount.of(context.credentials()).fromAddress();
        int pageSize = Math.max(1, request.pageSize());
        return mailbox.inFolder(context, FOLDER, Folder.READ_ONLY, folder -> {
            IMAPFolder inbox = (IMAPFolder) folder;
            long validity = inbox.getUIDValidity();
            boolean condstore = ((IMAPStore) inbox.getStore()).hasCapability("CONDSTORE");
            long modseq = condstore ? inbox.getHighestModSeq() : 0;
            Cursor cursor = request.cursor() == null ? null : Cursor.decode(request.cursor());
            if (cursor != null && cursor.validity() != validity) {
                return SyncPage.cursorExpired();
            }
            List<SyncChange> changes = new ArrayList<>();
            NavigableSet<Long> present = uids(inbox, inbox.getMessages());
            NavigableSet<Long> unreadNow = uids(inbox, inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)));
            NavigableSet<Long> known = cursor == null ? new TreeSet<>() : new TreeSet<>(cursor.known());
            long last = cursor == null ? 0 : cursor.lastUid();
            NavigableSet<Long> changed = new TreeSet<>();
            if (cursor != null) {
                for (long uid : cursor.known()) {
                    if (!present.contains(uid)) {
                        changes.add(new SyncChange.Removed(externalId(validity, uid)));
                        known.remove(uid);
                    } else if (cursor.unread().contains(uid) != unreadNow.contains(uid)) {
                        changed.add(uid);
                    }
                }
                if (condstore && cursor.modseq() > 0) {
                    for (Message m :
                            inbox.getMessagesByUIDChangedSince(1, Math.max(1, cursor.lastUid()), cursor.modseq())) {
                        long uid = inbox.getUID(m);
                        if (known.contains(uid)) {
                            changed.add(uid);
                        }
                    }
                }
            }
            // new mail: on the first sync whatever lies in the window, afterwards everything above the last UID
            NavigableSet<Long> candidates = cursor == null
                    ? uids(
                            inbox,
                            inbox.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(request.windowStart()))))
                    : present.tailSet(last, false);
            List<Long> fresh = new ArrayList<>();
            for (long uid : candidates) {
                if (uid > last && !known.contains(uid) && fresh.size() < pageSize) {
                    fresh.add(uid);
                }
            }
            boolean more = fresh.size() == pageSize
                    && candidates.tailSet(fresh.getLast(), false).stream().anyMatch(uid -> !known.contains(uid));
            List<Long> wanted = new ArrayList<>(changed);
            wanted.addAll(fresh);
            for (Message m : load(inbox, wanted)) {
                long uid = inbox.getUID(m);
                changes.add(
                        new SyncChange.Upsert(ImapSyncedMessages.of(m, externalId(validity, uid), FOLDER, account)));
            }
            known.addAll(fresh);
            if (!fresh.isEmpty()) {
                last = Math.max(last, fresh.getLast());
            }
            NavigableSet<Long> unread = new TreeSet<>(unreadNow);
            unread.retainAll(known);
            String next = new Cursor(validity, last, modseq, known, unread).encode();
            return more ? SyncPage.more(changes, next) : SyncPage.done(changes, next);
        });
    }

    static String externalId(long validity, long uid) {
        return validity + "/" + uid;
    }

    private static NavigableSet<Long> uids(IMAPFolder folder, Message[] messages) throws MessagingException {
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, profile);
        NavigableSet<Long> out = new TreeSet<>();
        for (Message m : messages) {
            if (!m.isExpunged()) {
                out.add(folder.getUID(m));
            }
        }
        return out;
    }

    /** The messages with these UIDs, headers, flags and whole content fetched in one round trip. */
    private static List<Message> load(IMAPFolder folder, List<Long> uids) throws MessagingException {
        if (uids.isEmpty()) {
            return List.of();
        }
        Message[] messages =
                folder.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
        List<Message> found = new ArrayList<>();
        for (Message m : messages) {
            if (m != null) {
                found.add(m);
            }
        }
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
        Message[] array = found.toArray(Message[]::new);
        folder.fetch(array, profile);
        return found;
    }
}
