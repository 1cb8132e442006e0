package dev.atom.connectors.email;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A set of IMAP UIDs written compactly as ranges ({@code 1:500,502,504:900}), the form IMAP itself uses, so a
 * sync cursor can carry which messages it has seen and which were unread without growing with every message.
 */
final class UidSet {
    private UidSet() {}

    static NavigableSet<Long> parse(String text) {
        NavigableSet<Long> out = new TreeSet<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String range : text.split(",")) {
            int colon = range.indexOf(':');
            long from = Long.parseLong(colon < 0 ? range : range.substring(0, colon));
            long to = colon < 0 ? from : Long.parseLong(range.substring(colon + 1));
            for (long uid = from; uid <= to; uid++) {
                out.add(uid);
            }
        }
        return out;
    }

    static String format(NavigableSet<Long> uids) {
        List<String> ranges = new ArrayList<>();
        Long start = null;
        long prev = 0;
        for (long uid : uids) {
            if (start != null && uid == prev + 1) {
                prev = uid;
                continue;
            }
            if (start != null) {
                ranges.add(start == prev ? String.valueOf(start) : start + ":" + prev);
            }
            start = uid;
            prev = uid;
        }
        if (start != null) {
            ranges.add(start == prev ? String.valueOf(start) : start + ":" + prev);
        }
        return String.join(",", ranges);
    }
}
