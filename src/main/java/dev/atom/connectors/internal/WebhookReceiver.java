package dev.atom.connectors.internal;

import dev.atom.connectors.Trigger;
import dev.atom.connectors.TriggerDeliveries;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.UnknownReference;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookTrigger;
import dev.atom.connectors.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Verifies a delivery with its trigger, then refuses a delivery id seen before. Thread-safe. */
@Component
class WebhookReceiver implements Webhooks {
    /** Longer than any trigger's timestamp window, so a replay inside the window is always caught. */
    static final Duration REMEMBER = Duration.ofDays(1);

    private final ConnectorRegistry registry;
    private final TriggerDeliveries deliveries;

    WebhookReceiver(ConnectorRegistry registry, TriggerDeliveries deliveries) {
        this.registry = registry;
        this.deliveries = deliveries;
    }

    @Override
    public TriggerEvent receive(
            String workspaceId,
            String triggerId,
            String source,
            Map<String, List<String>> headers,
            byte[] body,
            String secret) {
        Trigger trigger = registry.all().stream()
                .flatMap(c -> c.triggers().stream())
                .filter(t -> t.id().equals(triggerId))
                .findFirst()
                .orElseThrow(() -> UnknownReference.trigger(triggerId, null));
        if (!(trigger instanceof WebhookTrigger webhook)) {
            throw UnknownReference.trigger(triggerId, "is not a webhook trigger");
        }
        TriggerEvent event = webhook.verify(headers, body, secret);
        if (!deliveries.firstTime(workspaceId, source, event.dedupKey(), REMEMBER)) {
            throw new WebhookRefusal(WebhookRefusal.Reason.REPLAYED, "this delivery was already received");
        }
        return event;
    }
}
