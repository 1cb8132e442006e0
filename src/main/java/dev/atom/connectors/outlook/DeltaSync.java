package dev.atom.connectors.outlook;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.PollingTrigger.Poll;
import dev.atom.connectors.TriggerEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A Graph delta query walked into a {@link Poll}. The cursor is the link to go on from, with what it means:
 * {@code delta:<@odata.deltaLink>} (all caught up), {@code next:<@odata.nextLink>} (changes left over from a
 * poll that hit the page limit) or {@code baseline:<@odata.nextLink>} (the first walk, which reports nothing,
 * is not finished). The first poll walks every page to the deltaLink without reporting the items that already
 * exist. When Graph has forgotten the sync state (410 Gone, syncStateNotFound) the cursor is reset: a new
 * baseline starts and a warning says that changes in between were not reported. Stateless.
 */
final class DeltaSync {
    private static final Logger log = LoggerFactory.getLogger(DeltaSync.class);
    static final int MAX_PAGES = 50;
    static final String PAGE_SIZE = "odata.maxpagesize=50";

    private DeltaSync() {}

    /**
     * Polls from {@code cursor} (null on the first poll). {@code startUrl} begins a new baseline; {@code toEvent}
     * turns one changed item into an event, or null to skip it. Events are de-duplicated by key within the poll.
     */
    static Poll poll(
            ActionContext context,
            String triggerId,
            String cursor,
            String startUrl,
            Function<JsonNode, TriggerEvent> toEvent) {
        boolean baseline = true;
        String url = startUrl;
        if (cursor != null) {
            int colon = cursor.indexOf(':');
            String kind = colon < 0 ? "" : cursor.substring(0, colon);
            String link = colon < 0 ? "" : cursor.substring(colon + 1);
            if (!kind.matches("delta|next|baseline") || !underBase(context, link)) {
                log.warn(
                        "{} of connection {}: the stored cursor is not a delta link of {}; starting a new baseline,"
                                + " changes since the last poll are not reported",
                        triggerId,
                        context.connection().id(),
                        context.baseUrl());
            } else {
                baseline = kind.equals("baseline");
                url = link;
            }
        }
        try {
            return walk(context, url, baseline, toEvent);
        } catch (LostState e) {
            if (url.equals(startUrl)) {
                throw refused(e);
            }
            log.warn(
                    "{} of connection {}: Microsoft Graph no longer knows the sync state ({}); the cursor is reset"
                            + " to a new baseline and changes since the last poll are not reported",
                    triggerId,
                    context.connection().id(),
                    e.getMessage());
            try {
                return walk(context, startUrl, true, toEvent);
            } catch (LostState again) {
                throw refused(again);
            }
        }
    }

    private static ConnectorException refused(LostState e) {
        return new ConnectorException.Retriable(
                410, "Microsoft Graph refused to start a delta query (" + e.getMessage() + ")", null);
    }

    /**
     * Follows pages from {@code url} to the deltaLink, or up to {@link #MAX_PAGES}; throws {@link LostState}
     * when Graph has lost the sync state the link belongs to. A baseline reports nothing.
     */
    private static Poll walk(
            ActionContext context, String url, boolean baseline, Function<JsonNode, TriggerEvent> toEvent) {
        Map<String, TriggerEvent> events = new LinkedHashMap<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            var response = Graph.send(context, "GET", url, null, PAGE_SIZE);
            if (Graph.lostSyncState(response)) {
                throw new LostState(Graph.message(response));
            }
            Graph.raise(context, response, null, null);
            JsonNode body = Graph.parse(response);
            if (!baseline) {
                for (JsonNode item : body.path("value")) {
                    TriggerEvent event = toEvent.apply(item);
                    if (event != null) {
                        events.putIfAbsent(event.dedupKey(), event);
                    }
                }
            }
            String next = Graph.text(body, "@odata.nextLink");
            String delta = Graph.text(body, "@odata.deltaLink");
            if (next != null) {
                url = checked(context, next);
            } else if (delta != null) {
                return new Poll(new ArrayList<>(events.values()), "delta:" + checked(context, delta));
            } else {
                throw new ConnectorException.Retriable(
                        response.status(), "Microsoft Graph answered a delta query without a next or delta link", null);
            }
        }
        // Too many pages for one poll: the next poll goes on from here.
        return new Poll(new ArrayList<>(events.values()), (baseline ? "baseline:" : "next:") + url);
    }

    private static boolean underBase(ActionContext context, String link) {
        String base = context.baseUrl().endsWith("/") ? context.baseUrl() : context.baseUrl() + "/";
        return link.startsWith(base);
    }

    /** A link Graph returned must stay under the base URL: the bearer token goes with it. */
    private static String checked(ActionContext context, String link) {
        if (!underBase(context, link)) {
            throw new ConnectorException.Permanent(0, "Microsoft Graph returned a link outside " + context.baseUrl());
        }
        return link;
    }

    /** Graph answered that it no longer knows the delta link's sync state. */
    private static final class LostState extends RuntimeException {
        LostState(String message) {
            super(message, null, false, false);
        }
    }
}
