package dev.atom.connectors.webhook;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.Trigger;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Incoming webhooks: a trigger, {@code webhook.received}, for any sender that signs its deliveries with
 * HMAC-SHA256 ({@link SignedWebhookTrigger}). The per-workflow URL and secret belong to the workflow engine.
 */
@Component
class WebhookConnector extends BaseConnector {
    private final SignedWebhookTrigger received;

    WebhookConnector(Clock clock) {
        super("webhook", "Incoming webhook", null, List.of("developer", "core"), new AuthSpec.None());
        this.received = new SignedWebhookTrigger(clock);
    }

    @Override
    public String icon() {
        return "webhook";
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of();
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(received);
    }

    @Override
    public Health check(ActionContext context) {
        return new Health(null, "nothing to check: senders call Atom");
    }
}
