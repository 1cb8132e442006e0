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
 * whole, new ones in pages bounded by bytes and count ({@link ImapPages}). A different UIDVALIDITY means old UIDs
 * mean nothing: {@link SyncPage#cursorExpired()}. Stateless.
 */
final class ImapMessageFeed implements SyncFeed {
    static final String FOLDER = "INBOX";
    private final MailboxActions mailbox;
    private final ImapPages pages;

    ImapMessageFeed(MailboxActions mailbox, ImapPages pages) {
        this.mailbox = mailbox;
        this.pages = pages;
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
            NavigableSet<Long> present = UidSearch.uids(inbox, null);
            NavigableSet<Long> unreadNow = UidSearch.uids(inbox, new FlagTerm(new Flags(Flags.Flag.SEEN), false));
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
                    ? UidSearch.uids(inbox, new ReceivedDateTerm(ComparisonTerm.GE, Date.from(request.windowStart())))
                    : present.tailSet(last, false);
            List<Long> eligible = new ArrayList<>();
            for (long uid : candidates) {
                if (uid > last && !known.contains(uid) && eligible.size() < pageSize) {
                    eligible.add(uid);
                }
            }
            List<Long> fresh = pages.first(inbox, eligible, pageSize);
            boolean more = !fresh.isEmpty()
                    && candidates.tailSet(fresh.getLast(), false).stream().anyMatch(uid -> !known.contains(uid));
            List<Long> wanted = new ArrayList<>(changed);
            wanted.addAll(fresh);
            for (Message m : load(inbox, present, wanted)) {
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

    /**
     * The messages with these UIDs, headers, flags and whole content fetched in one round trip. Sequence numbers
     * follow UID order, so a UID's number is its place among {@code present} (listed in this same session just
     * before): the messages are named by number and their UIDs come back in that one FETCH, with no UID FETCH
     * first. A message whose UID came back different (the mailbox changed under us) is fetched again by UID.
     */
    private static List<Message> load(IMAPFolder folder, NavigableSet<Long> present, List<Long> uids)
            throws MessagingException {
        if (uids.isEmpty()) {
            return List.of();
        }
        List<Message> found = new ArrayList<>();
        List<Long> byUid = new ArrayList<>(uids);
        if (present.size() == folder.getMessageCount()) {
            long[] order = present.stream().mapToLong(Long::longValue).toArray();
            List<Integer> numbers = new ArrayList<>();
            for (long uid : uids) {
                int at = java.util.Arrays.binarySearch(order, uid);
                if (at >= 0) {
                    numbers.add(at + 1);
                }
            }
            Message[] messages = folder.getMessages(
                    numbers.stream().mapToInt(Integer::intValue).toArray());
            fetch(folder, messages);
            java.util.Set<Long> wanted = new java.util.HashSet<>(uids);
            for (Message m : messages) {
                long uid = folder.getUID(m);
                if (!m.isExpunged() && wanted.contains(uid)) {
                    found.add(m);
                    byUid.remove(uid);
                }
            }
        }
        if (!byUid.isEmpty()) {
            Message[] messages = folder.getMessagesByUID(
                    byUid.stream().mapToLong(Long::longValue).toArray());
            List<Message> more = new ArrayList<>();
            for (Message m : messages) {
                if (m != null) {
                    more.add(m);
                }
            }
            fetch(folder, more.toArray(Message[]::new));
            found.addAll(more);
        }
        return found;
    }

    private static void fetch(IMAPFolder folder, Message[] messages) throws MessagingException {
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(messages, profile);
    }
}
