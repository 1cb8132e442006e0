package dev.atom.workflows.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atom.workflows.*}: how this instance's engine works.
 *
 * @param workers whether this instance takes queued and due runs (webhook runs answered inline always run)
 * @param concurrency runs one instance executes at once
 * @param lease how long a claimed run stays this instance's without a heartbeat
 * @param pollInterval how often an idle worker looks for due runs (it is woken at once for local work)
 * @param retention how long finished runs are kept
 * @param keepRuns how many finished runs of one workflow are kept at most (the newest)
 * @param connectionConcurrency action calls one instance makes at once on one connection
 */
@ConfigurationProperties("atom.workflows")
record WorkflowProperties(
        Boolean workers,
        Integer concurrency,
        Duration lease,
        Duration pollInterval,
        Duration retention,
        Integer keepRuns,
        Integer connectionConcurrency) {
    WorkflowProperties {
        workers = workers == null ? Boolean.TRUE : workers;
        concurrency = concurrency == null ? 64 : concurrency;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        retention = retention == null ? Duration.ofDays(30) : retention;
        keepRuns = keepRuns == null ? 1000 : keepRuns;
        connectionConcurrency = connectionConcurrency == null ? 8 : connectionConcurrency;
    }
}
