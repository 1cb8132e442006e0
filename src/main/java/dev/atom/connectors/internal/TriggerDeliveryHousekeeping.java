package dev.atom.connectors.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges seen trigger deliveries older than {@code atom.connectors.trigger-delivery-retention} (7 days by
 * default), every hour on every instance (the delete is idempotent). The retention is never shorter than
 * {@link WebhookReceiver#REMEMBER}, so purging cannot let a replay through that de-duplication would catch.
 */
@Component
class TriggerDeliveryHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(TriggerDeliveryHousekeeping.class);

    private final TriggerDeliveryRepository deliveries;
    private final Clock clock;
    private final Duration retention;

    TriggerDeliveryHousekeeping(
            TriggerDeliveryRepository deliveries,
            Clock clock,
            @Value("${atom.connectors.trigger-delivery-retention:7d}") Duration retention) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.retention = retention.compareTo(WebhookReceiver.REMEMBER) < 0 ? WebhookReceiver.REMEMBER : retention;
    }

    Duration retention() {
        return retention;
    }

    @Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    void purgeNow() {
        int purged = purge(clock.instant());
        if (purged > 0) {
            log.info("Purged {} trigger deliveries older than {}", purged, retention);
        }
    }

    /** Deletes the deliveries received more than the retention before {@code now}; returns how many. */
    int purge(Instant now) {
        return deliveries.purgeBefore(now.minus(retention));
    }
}
