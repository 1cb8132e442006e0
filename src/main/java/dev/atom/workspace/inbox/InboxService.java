package dev.atom.workspace.inbox;

import dev.atom.connectors.ActionRuns;
import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The inbox's rules for the API and the page: a caller reads only what their visible connections synced (another
 * member's private mail is 404 as if it did not exist); actions go through the source first, then the local copy
 * changes at once so the list is right before the next sync. Thread-safe (stateless).
 */
@Service
class InboxService {
    private final InboxRepository messages;
    private final TriageRepository triage;
    private final SourceActions sources;
    private final ActionRuns runs;
    private final TransactionOperations transactions;
    private final Clock clock;

    InboxService(
            InboxRepository messages,
            TriageRepository triage,
            SourceActions sources,
            ActionRuns runs,
            TransactionOperations transactions,
            Clock clock) {
        this.messages = messages;
        this.triage = triage;
        this.sources = sources;
        this.runs = runs;
        this.transactions = transactions;
        this.clock = clock;
    }

    InboxRepository.Page list(CurrentUser user, InboxQuery query) {
        return messages.list(user.workspaceId(), user.userId(), query, clock.instant());
    }

    InboxMessage get(CurrentUser user, String id) {
        return (Ids.isValid(id) ? messages.find(user.workspaceId(), user.userId(), id) : Optional.<InboxMessage>empty())
                .orElseThrow(() -> ApiException.notFound("Message"));
    }

    List<InboxMessage> thread(CurrentUser user, InboxMessage m) {
        return messages.thread(user.userId(), m);
    }

    Optional<Instant> snoozedUntil(CurrentUser user, String id) {
        return messages.snoozedUntil(user.userId(), id, clock.instant());
    }

    InboxMessage setRead(CurrentUser user, String id, boolean read) {
        InboxMessage m = get(user, id);
        sources.setRead(caller(user), m, read);
        messages.setUnread(user.workspaceId(), id, !read);
        return get(user, id);
    }

    InboxMessage archive(CurrentUser user, String id) {
        InboxMessage m = get(user, id);
        sources.archive(caller(user), m);
        messages.setArchived(user.workspaceId(), id, true);
        return get(user, id);
    }

    InboxMessage snooze(CurrentUser user, String id, Instant until) {
        InboxMessage m = get(user, id);
        if (!until.isAfter(clock.instant())) {
            throw ApiException.invalid("until", "must be in the future");
        }
        messages.snooze(user.workspaceId(), user.userId(), m.id(), until);
        return m;
    }

    void reply(CurrentUser user, String id, String text) {
        InboxMessage m = get(user, id);
        sources.reply(caller(user), m, text);
        transactions.executeWithoutResult(tx -> messages.setUnread(user.workspaceId(), id, false));
    }

    /**
     * The reply as a durable action run, the way every write of the assistant goes ({@code trigger} chat):
     * an idempotency key, retries, a place in the runs list, and held {@code sendDelay} before it is sent so that
     * {@link ActionRuns#stop} can still stop it. The message counts as read at once: the person has dealt with it.
     */
    ActionRuns.Result replyAsRun(CurrentUser user, InboxMessage m, String text, String trigger, Duration sendDelay) {
        SourceActions.Call call = sources.replyCall(m, text);
        ActionRuns.Result result = runs.run(new ActionRuns.Request(
                caller(user), trigger, m.connectionId(), call.action(), call.input(), sendDelay, null, true));
        if (!(result instanceof ActionRuns.Result.Failed)) {
            transactions.executeWithoutResult(tx -> messages.setUnread(user.workspaceId(), m.id(), false));
        }
        return result;
    }

    private static Connectors.Caller caller(CurrentUser user) {
        return new Connectors.Caller(user.workspaceId(), user.userId());
    }

    List<String> vips(CurrentUser user) {
        return triage.vips(user.workspaceId(), user.userId());
    }

    boolean addVip(CurrentUser user, String address) {
        return triage.addVip(user.workspaceId(), user.userId(), address, clock.instant());
    }

    boolean removeVip(CurrentUser user, String address) {
        return triage.removeVip(user.workspaceId(), user.userId(), address);
    }
}
