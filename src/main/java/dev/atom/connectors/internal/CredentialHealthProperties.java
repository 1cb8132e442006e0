package dev.atom.connectors.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atom.connectors.health.*}: the scheduled credential check of every connection.
 *
 * @param scheduler whether this instance checks due connections by itself (tests turn it off and drive it)
 * @param interval how long after a check a connection is checked again (spread by up to a tenth at random)
 * @param tick how often an instance looks for due checks
 * @param concurrency checks one instance runs at once
 * @param batch due checks one tick takes at most
 * @param warnBefore how long before a forecast expiry a connection "needs attention soon" and its owner is told
 */
@ConfigurationProperties("atom.connectors.health")
record CredentialHealthProperties(
        Boolean scheduler, Duration interval, Duration tick, Integer concurrency, Integer batch, Duration warnBefore) {

    CredentialHealthProperties {
        scheduler = scheduler == null ? Boolean.TRUE : scheduler;
        interval = interval == null ? Duration.ofHours(6) : interval;
        tick = tick == null ? Duration.ofMinutes(1) : tick;
        concurrency = concurrency == null ? 4 : Math.max(1, concurrency);
        batch = batch == null ? 32 : Math.max(1, batch);
        warnBefore = warnBefore == null ? Duration.ofDays(3) : warnBefore;
    }
}
