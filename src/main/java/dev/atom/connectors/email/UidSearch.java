package dev.atom.connectors.email;

import jakarta.mail.MessagingException;
import jakarta.mail.search.SearchTerm;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.SearchSequence;

/**
 * UID SEARCH: the UIDs of the folder's messages matching a term (all of them without one), in one command and one
 * response line. Jakarta Mail's search answers message numbers, which then need a FETCH (UID) per message; for a
 * listing of a whole mailbox on every poll that is one response per message (and quadratic work on some servers).
 */
final class UidSearch {
    private UidSearch() {}

    static NavigableSet<Long> uids(IMAPFolder folder, SearchTerm term) throws MessagingException {
        return uids(folder, p -> {
            try {
                return term == null
                        ? new Argument().writeAtom("ALL")
                        : new SearchSequence(p).generateSequence(term, null);
            } catch (java.io.IOException | jakarta.mail.search.SearchException e) {
                throw new org.eclipse.angus.mail.iap.ProtocolException(
                        "the search cannot be written: " + e.getMessage());
            }
        });
    }

    /** The same with search keys written by hand (ones Jakarta Mail has no term for, such as UID ranges). */
    static NavigableSet<Long> matching(IMAPFolder folder, Argument keys) throws MessagingException {
        return uids(folder, p -> keys);
    }

    private interface Keys {
        Argument of(IMAPProtocol p) throws ProtocolException;
    }

    private static NavigableSet<Long> uids(IMAPFolder folder, Keys keys) throws MessagingException {
        Object result = folder.doCommand(p -> {
            Argument args = keys.of(p);
            Response[] responses = p.command("UID SEARCH", args);
            Response last = responses[responses.length - 1];
            NavigableSet<Long> uids = new TreeSet<>();
            if (last.isOK()) {
                for (int i = 0; i < responses.length; i++) {
                    if (responses[i] instanceof IMAPResponse r && r.keyEquals("SEARCH")) {
                        for (long uid; (uid = r.readLong()) != -1; ) {
                            uids.add(uid);
                        }
                        responses[i] = null; // ours; the rest go to the folder's handlers
                    }
                }
            }
            p.notifyResponseHandlers(responses);
            p.handleResult(last);
            return uids;
        });
        @SuppressWarnings("unchecked")
        NavigableSet<Long> uids = (NavigableSet<Long>) result;
        return uids;
    }
}
