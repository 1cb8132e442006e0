package dev.atom.connectors.email;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * How many new messages one page of the IMAP sync fetches: bounded by bytes (their RFC822.SIZE summed stays under
 * {@code pageBytes}; a message larger than that gets a page of its own) and by a count ({@code pageMessages}, or
 * the caller's page size when smaller). A page's messages are held whole in memory while it is converted, so the
 * byte budget is what bounds the sync's memory; the count only bounds a page of many small messages.
 *
 * <p>Sizes cost few commands: one {@code UID SEARCH UID a:b LARGER s}, where {@code s} is a full page's share per
 * message ({@code budget / count}), finds the messages that could matter; the others count as {@code s} each, so a
 * page of them fills the count without passing the budget. Only the larger ones are asked their exact size, in one
 * {@code UID FETCH (RFC822.SIZE)}. Searches are cheap everywhere; some servers (GreenMail) pay for every FETCH
 * command in proportion to the square of the mailbox, so a mailbox of small messages costs no FETCH for sizes.
 *
 * @param pageBytes the most bytes of messages (as the server counts them) one page fetches, unless one message is
 *     larger
 * @param pageMessages the most messages one page fetches
 */
record ImapPages(long pageBytes, int pageMessages) {
    static final ImapPages DEFAULT = new ImapPages(8L << 20, 5000);

    ImapPages {
        if (pageBytes < 1 || pageMessages < 1) {
            throw new IllegalArgumentException("an IMAP page needs room for at least one message of one byte");
        }
    }

    /**
     * The first of {@code eligible} (new messages' UIDs, ascending) that make one page: at least one, then as many
     * as fit the count ({@code min(pageSize, pageMessages)}) and the byte budget.
     */
    List<Long> first(IMAPFolder folder, List<Long> eligible, int pageSize) throws MessagingException {
        int count = Math.min(Math.max(1, pageSize), pageMessages);
        List<Long> head = eligible.subList(0, Math.min(count, eligible.size()));
        if (head.size() <= 1) {
            return List.copyOf(head);
        }
        long share = Math.max(1, pageBytes / count);
        NavigableSet<Long> larger = larger(folder, head.getFirst(), head.getLast(), share);
        larger.retainAll(new java.util.HashSet<>(head));
        Map<Long, Long> sizes = larger.isEmpty() ? Map.of() : sizes(folder, larger);
        List<Long> page = new ArrayList<>();
        long bytes = 0;
        for (long uid : head) {
            // a message that vanished since the search has no size: it is skipped when the page is fetched
            long size = larger.contains(uid) ? sizes.getOrDefault(uid, 0L) : share;
            if (!page.isEmpty() && bytes + size > pageBytes) {
                break;
            }
            page.add(uid);
            bytes += size;
        }
        return page;
    }

    /** UID SEARCH UID from:to LARGER share: the UIDs in that range of messages larger than the share. */
    private static NavigableSet<Long> larger(IMAPFolder folder, long from, long to, long share)
            throws MessagingException {
        Argument args = new Argument()
                .writeAtom("UID")
                .writeAtom(from + ":" + to)
                .writeAtom("LARGER")
                .writeNumber(share);
        return UidSearch.matching(folder, args);
    }

    /** UID FETCH (RFC822.SIZE) of these UIDs, in one command. */
    private static Map<Long, Long> sizes(IMAPFolder folder, NavigableSet<Long> uids) throws MessagingException {
        Object result = folder.doCommand(p -> {
            Response[] responses =
                    p.command("UID FETCH " + UidSet.format(new TreeSet<>(uids)) + " (RFC822.SIZE)", null);
            Response last = responses[responses.length - 1];
            Map<Long, Long> sizes = new HashMap<>();
            if (last.isOK()) {
                for (int i = 0; i < responses.length; i++) {
                    if (responses[i] instanceof FetchResponse f
                            && f.getItem(UID.class) instanceof UID uid
                            && f.getItem(RFC822SIZE.class) instanceof RFC822SIZE size) {
                        sizes.put(uid.uid, size.size);
                        responses[i] = null; // ours; the rest go to the folder's handlers
                    }
                }
            }
            p.notifyResponseHandlers(responses);
            p.handleResult(last);
            return sizes;
        });
        @SuppressWarnings("unchecked")
        Map<Long, Long> sizes = (Map<Long, Long>) result;
        return sizes;
    }
}
