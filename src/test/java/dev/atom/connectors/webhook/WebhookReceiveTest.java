package dev.atom.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.UnknownReference;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.Webhooks;
import dev.atom.shared.Ids;
import dev.atom.testing.AppTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Receiving through the application: a replayed delivery id is refused, per source and workspace. */
class WebhookReceiveTest extends AppTestBase {
    @Autowired
    Webhooks webhooks;

    @Autowired
    Clock clock;

    @Test
    void aDeliveryIsAcceptedOnceAndItsReplayRefused() {
        String ws = Ids.newId();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        long at = clock.instant().getEpochSecond();
        Map<String, List<String>> headers = Map.of(
                "x-atom-timestamp", List.of(String.valueOf(at)),
                "x-atom-signature", List.of(SignedWebhookTriggerTest.signature("s3cret", at, body)),
                "x-atom-delivery", List.of("delivery-" + Ids.newId()));
        assertThat(webhooks.receive(ws, "webhook.received", "wf-1", headers, body, "s3cret")
                        .payload()
                        .at("/body/a")
                        .asInt())
                .isEqualTo(1);
        assertThatThrownBy(() -> webhooks.receive(ws, "webhook.received", "wf-1", headers, body, "s3cret"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.REPLAYED);
        assertThat(webhooks.receive(ws, "webhook.received", "wf-2", headers, body, "s3cret"))
                .as("another source")
                .isNotNull();
        assertThatThrownBy(() -> webhooks.receive(ws, "webhook.nothing", "wf-1", headers, body, "s3cret"))
                .isInstanceOf(UnknownReference.class)
                .hasMessage("trigger webhook.nothing");
    }
}
