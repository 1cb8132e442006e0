package dev.atom.connectors;

import java.util.List;
import java.util.Map;

/**
 * A trigger the service pushes to Atom's per-workflow URL. {@link #verify} checks the service's signature
 * (in constant time) and its timestamp window, and names the delivery id; replays are rejected by the
 * caller through {@link TriggerDeliveries} with that id.
 */
public non-sealed interface WebhookTrigger extends Trigger {

    /**
     * Verifies one delivery. {@code headers} are keyed by lower-case name. Returns the event (its dedup key
     * is the delivery id) or throws {@link WebhookRefusal} saying precisely why not.
     */
    TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret);
}
