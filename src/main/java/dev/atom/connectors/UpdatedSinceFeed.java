package dev.atom.connectors;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SyncFeed} over a service that can only answer "what changed since T" (GitHub, Jira, Asana, Trello,
 * Notion). Such a query never reports a deleted item, nor one that stopped matching (reassigned to someone else,
 * moved where the account cannot see it). So a feed alternates:
 *
 * <ul>
 *   <li>a <b>full pass</b> ({@link #listAll}): every item that should be here now, page by page; the engine syncs
 *       from scratch and afterwards sweeps what the pass no longer saw, which removes deleted and reassigned items;
 *   <li><b>incremental polls</b> ({@link #listChanged}): the items changed since the last poll began (minus {@link
 *       #OVERLAP}, for clock skew and services that count in minutes); upserts are idempotent, so overlap is harmless.
 * </ul>
 *
 * After {@link #FULL_PASS_EVERY} an incremental poll answers {@link SyncPage#cursorExpired()}, which makes the engine
 * run the next full pass. The cursor is this class's own text ({@code v1|mode|since|runAt|fullAt|page}); an
 * unreadable one also restarts. Stateless and thread-safe.
 */
public abstract class UpdatedSinceFeed implements SyncFeed {
    /** How often deletions and reassignments are caught at the latest. */
    public static final Duration FULL_PASS_EVERY = Duration.ofHours(6);
    /** How far each incremental query reaches back before the previous poll's start. */
    public static final Duration OVERLAP = Duration.ofMinutes(2);

    /** One page of a listing: the changes and the service's token for the next page, null on the last. */
    protected record Batch(List<SyncChange> changes, String nextPage) {
        public Batch {
            changes = List.copyOf(changes);
        }
    }

    /** Every item that belongs here now (open and assigned to the account), one page from {@code page} (null first). */
    protected abstract Batch listAll(ActionContext context, String page, int pageSize);

    /**
     * The items changed at or after {@code since}, including those now finished (upserted as done) and, where the
     * service says so, deleted or archived ones (as {@link SyncChange.Removed}); one page from {@code page}.
     */
    protected abstract Batch listChanged(ActionContext context, Instant since, String page, int pageSize);

    @Override
    public final SyncPage fetch(ActionContext context, SyncRequest request) {
        Instant now = context.clock().instant();
        int size = Math.max(1, Math.min(request.pageSize() <= 0 ? 100 : request.pageSize(), 100));
        Optional<Cursor> stored = Cursor.decode(request.cursor());
        if (request.cursor() != null && stored.isEmpty()) {
            return SyncPage.cursorExpired();
        }
        Cursor c = stored.orElse(new Cursor(true, now, now, now, null));
        if (!c.full() && c.page() == null && now.isAfter(c.fullAt().plus(FULL_PASS_EVERY))) {
            return SyncPage.cursorExpired();
        }
        if (c.full()) {
            Batch b = listAll(context, c.page(), size);
            if (b.nextPage() != null) {
                return SyncPage.more(b.changes(), c.withPage(b.nextPage()).encode());
            }
            // the next poll asks for what changed since this pass began
            return SyncPage.done(b.changes(), new Cursor(false, c.runAt(), c.runAt(), c.fullAt(), null).encode());
        }
        Cursor run = c.page() == null ? new Cursor(false, c.since(), now, c.fullAt(), null) : c;
        Batch b = listChanged(context, run.since().minus(OVERLAP), run.page(), size);
        if (b.nextPage() != null) {
            return SyncPage.more(b.changes(), run.withPage(b.nextPage()).encode());
        }
        return SyncPage.done(b.changes(), new Cursor(false, run.runAt(), run.runAt(), run.fullAt(), null).encode());
    }

    /**
     * @param full a full pass is under way
     * @param since incremental: changes from this instant on
     * @param runAt when the current pass or poll began (the next poll's {@code since})
     * @param fullAt when the last full pass began
     * @param page the service's page token inside the current pass or poll, or null
     */
    record Cursor(boolean full, Instant since, Instant runAt, Instant fullAt, String page) {
        Cursor withPage(String next) {
            return new Cursor(full, since, runAt, fullAt, next);
        }

        String encode() {
            return String.join(
                    "|",
                    "v1",
                    full ? "full" : "inc",
                    since.toString(),
                    runAt.toString(),
                    fullAt.toString(),
                    page == null ? "" : page);
        }

        static Optional<Cursor> decode(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String[] p = text.split("\\|", 6);
            if (p.length != 6 || !p[0].equals("v1") || !(p[1].equals("full") || p[1].equals("inc"))) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Cursor(
                        p[1].equals("full"),
                        Instant.parse(p[2]),
                        Instant.parse(p[3]),
                        Instant.parse(p[4]),
                        p[5].isEmpty() ? null : p[5]));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
