package dev.atom.connectors;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One event from a trigger. {@code dedupKey} is unique per event at the service (a delivery id, a message id
 * plus its version): the engine starts at most one run per key. {@code occurredAt} may be null.
 */
public record TriggerEvent(String dedupKey, Instant occurredAt, JsonNode payload) {}
