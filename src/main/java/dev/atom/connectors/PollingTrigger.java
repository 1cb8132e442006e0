package dev.atom.connectors;

import java.util.List;

/**
 * A trigger Atom fetches: {@link #poll} returns what changed since {@code cursor} (a sync token, history id,
 * delta link or updated-since instant; null on the first poll, which should only establish the cursor) and
 * the cursor to store for the next poll.
 */
public non-sealed interface PollingTrigger extends Trigger {

    Poll poll(ActionContext context, String cursor);

    /** The events found (oldest first) and the next cursor. */
    record Poll(List<TriggerEvent> events, String cursor) {
        public Poll {
            events = List.copyOf(events);
        }
    }
}
