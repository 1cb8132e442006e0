package dev.atom.connectors;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A trigger Atom fetches: {@link #poll} returns what changed since {@code cursor} (a sync token, history id,
 * delta link or updated-since instant; null on the first poll, which should only establish the cursor) and
 * the cursor to store for the next poll.
 */
public non-sealed interface PollingTrigger extends Trigger {

    Poll poll(ActionContext context, String cursor);

    /**
     * The record describing the trigger's settings, chosen per workflow (which database, which folder), or
     * null when it has none; its JSON Schema is in the catalog as {@code settingsSchema}.
     */
    default Class<? extends Record> settingsType() {
        return null;
    }

    /**
     * Polls with the workflow's trigger settings ({@link #settingsType()} as JSON; may be null when it has
     * none). Triggers without settings need not override it.
     */
    default Poll poll(ActionContext context, JsonNode settings, String cursor) {
        return poll(context, cursor);
    }

    /** The events found (oldest first) and the next cursor. */
    record Poll(List<TriggerEvent> events, String cursor) {
        public Poll {
            events = List.copyOf(events);
        }
    }
}
