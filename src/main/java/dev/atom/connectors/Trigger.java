package dev.atom.connectors;

/**
 * Something at the service that starts a workflow: pushed to Atom ({@link WebhookTrigger}) or fetched by
 * Atom ({@link PollingTrigger}). Stateless and thread-safe; de-duplication state lives with the caller
 * ({@link TriggerDeliveries} for webhooks, the stored cursor and event keys for polling).
 */
public sealed interface Trigger permits WebhookTrigger, PollingTrigger {

    /** {@code <connector>.<event>}, e.g. {@code github.issue_labeled}. */
    String id();

    String name();

    String description();

    /** The record describing an event's payload; its JSON Schema is in the catalog. */
    Class<? extends Record> eventType();

    default String kind() {
        return this instanceof WebhookTrigger ? "webhook" : "polling";
    }
}
