package dev.atom.workspace.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atom.workspace.sync.*}: how this instance keeps connections' data in step.
 *
 * @param scheduler whether this instance syncs due feeds by itself (tests turn it off and drive the engine)
 * @param interval how long after a sync a feed is polled again
 * @param tick how often the scheduler looks for due feeds (it is woken at once by "sync now")
 * @param concurrency connections one instance syncs at once
 * @param lease how long a claimed connection stays this instance's without renewal (renewed every page)
 * @param pageSize about how many items a feed returns per page
 * @param maxBackoff the longest wait after repeated errors
 * @param eventsBack how far back events are kept
 * @param eventsAhead how far ahead events are kept
 * @param messagesBack how far back messages are kept
 * @param messagePageSize about how many messages a mail or chat feed returns per page: larger than {@code pageSize}
 *     because a first sync of a big mailbox costs a command per page (IMAP servers such as GreenMail answer each
 *     FETCH in time that grows with the mailbox); feeds cap it at their API's maximum (Gmail 500, Graph 200,
 *     Slack 999) and IMAP also by bytes ({@code atom.connectors.email.page-bytes}), so memory stays bounded
 */
@ConfigurationProperties("atom.workspace.sync")
record SyncProperties(
        Boolean scheduler,
        Duration interval,
        Duration tick,
        Integer concurrency,
        Duration lease,
        Integer pageSize,
        Duration maxBackoff,
        Duration eventsBack,
        Duration eventsAhead,
        Duration messagesBack,
        Integer messagePageSize) {

    SyncProperties {
        scheduler = scheduler == null ? Boolean.TRUE : scheduler;
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        tick = tick == null ? Duration.ofSeconds(5) : tick;
        concurrency = concurrency == null ? 8 : concurrency;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        pageSize = pageSize == null ? 100 : pageSize;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        eventsBack = eventsBack == null ? Duration.ofDays(30) : eventsBack;
        eventsAhead = eventsAhead == null ? Duration.ofDays(365) : eventsAhead;
        messagesBack = messagesBack == null ? Duration.ofDays(90) : messagesBack;
        messagePageSize = messagePageSize == null ? 5000 : messagePageSize;
    }

    static SyncProperties defaults() {
        return new SyncProperties(null, null, null, null, null, null, null, null, null, null, null);
    }
}
