package dev.atom.connectors;

import java.util.List;
import java.util.Map;

/**
 * Receives a webhook delivery for a trigger: the trigger verifies the signature and timestamp, then the
 * delivery id is recorded so a replay is refused. The workflow engine owns the per-workflow URL and calls
 * this with what arrived. Thread-safe.
 */
public interface Webhooks {

    /**
     * @param triggerId a {@link WebhookTrigger}'s id ({@code webhook.received}, {@code github.issue_opened})
     * @param source what the delivery is for (the workflow id), the scope of delivery-id de-duplication
     * @param headers the request headers by lower-case name
     * @param secret the shared signing secret of this source
     * @return the verified event, delivered at most once per delivery id and source
     * @throws WebhookRefusal saying precisely why the delivery was refused (including {@code REPLAYED})
     * @throws UnknownReference for an unknown trigger id, or one that is not a webhook trigger
     */
    TriggerEvent receive(
            String workspaceId,
            String triggerId,
            String source,
            Map<String, List<String>> headers,
            byte[] body,
            String secret);
}
