package dev.atom.connectors;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One walk of a Microsoft Graph delta query (a drive's, a channel's messages, a To Do list's tasks): pages are
 * followed by {@code @odata.nextLink} until the {@code @odata.deltaLink}, at most {@code maxPages} a walk. The
 * cursor a feed or trigger keeps is {@code next:<link>} (a walk cut short) or {@code delta:<link>} (caught up);
 * links are checked to stay under the base URL (the bearer token goes with them). Stateless.
 *
 * @param items the changed items of the pages walked (Graph's {@code value} entries, {@code @removed} ones too)
 * @param cursor where the next walk goes on
 * @param more true when the walk stopped at {@code maxPages} before the deltaLink
 * @param lost true when Graph no longer knows the cursor's sync state: start again without it
 */
public record GraphDelta(List<JsonNode> items, String cursor, boolean more, boolean lost) {

    /** Walks from {@code cursor} (one of ours) or, when it is null, from {@code start} (a path under the base URL). */
    public static GraphDelta walk(ActionContext context, String cursor, String start, int maxPages) {
        String url = cursor == null ? start : link(context, cursor);
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < maxPages; page++) {
            var response = MicrosoftGraph.send(context, "GET", url, null, null, 8 << 20, false);
            if (cursor != null && MicrosoftGraph.lostSyncState(response)) {
                return new GraphDelta(List.of(), null, false, true);
            }
            MicrosoftGraph.raise(context, response, null, null);
            JsonNode body = MicrosoftGraph.parse(response);
            body.path("value").forEach(items::add);
            String next = MicrosoftGraph.text(body, "@odata.nextLink");
            String delta = MicrosoftGraph.text(body, "@odata.deltaLink");
            if (next != null) {
                url = MicrosoftGraph.ownLink(context, next);
            } else if (delta != null) {
                return new GraphDelta(items, "delta:" + MicrosoftGraph.ownLink(context, delta), false, false);
            } else {
                throw new ConnectorException.Retriable(
                        response.status(), "Microsoft Graph answered a delta query without a next or delta link", null);
            }
        }
        return new GraphDelta(items, "next:" + url, true, false);
    }

    /** The link a cursor holds; an unreadable or foreign one counts as lost. */
    private static String link(ActionContext context, String cursor) {
        int colon = cursor.indexOf(':');
        String kind = colon < 0 ? "" : cursor.substring(0, colon);
        if (!kind.equals("next") && !kind.equals("delta")) {
            throw new ConnectorException.Permanent(0, "not a Microsoft Graph delta cursor");
        }
        return MicrosoftGraph.ownLink(context, cursor.substring(colon + 1));
    }

    /** Whether {@code cursor} is one this class wrote for the connection's base URL. */
    public static boolean readable(ActionContext context, String cursor) {
        try {
            link(context, cursor);
            return true;
        } catch (ConnectorException e) {
            return false;
        }
    }
}
