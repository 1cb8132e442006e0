package dev.atom.connectors.trello;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookSignature;
import dev.atom.connectors.WebhookTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code trello.model_changed}: a Trello webhook on a board, list or card. Trello signs {@code body +
 * callbackURL} with HMAC-SHA1 under the app's secret and sends it base64 in {@code X-Trello-Webhook}; the
 * callback URL is not in the delivery, so the receiver passes the URL the webhook was registered with as
 * {@link #CALLBACK_URL}. Compared in constant time. Trello sends no delivery id: the action's id (unique per
 * change, repeated on Trello's retries) is the de-duplication key, and an action dated more than {@link
 * #WINDOW} from now is refused as stale (Trello's retries come within minutes). When the webhook is created,
 * Trello first sends a HEAD to the callback URL, which the receiver answers 200 without calling this.
 */
final class TrelloWebhookTrigger implements WebhookTrigger {
    /** The header the receiver sets to the callback URL the webhook was created with. */
    static final String CALLBACK_URL = "x-atom-callback-url";

    static final Duration WINDOW = Duration.ofMinutes(10);
    /** Base64 HMAC-SHA1 of the body followed by the callback URL. */
    static final WebhookSignature SIGNATURE =
            WebhookSignature.base64("X-Trello-Webhook", WebhookSignature.Algorithm.SHA1);

    private final Clock clock;

    TrelloWebhookTrigger(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "A change on a Trello board, list or card")
    record Event(
            @Schema(description = "The action's id, unique per change")
            String actionId,

            @Schema(description = "What happened: createCard, updateCard, commentCard, addMemberToCard...")
            String type,

            @Schema(description = "When it happened", format = "date-time")
            String date,

            @Schema(description = "The member who did it (username)") @Nullable
            String member,

            @Schema(description = "The card's id, for card actions") @Nullable
            String cardId,

            @Schema(description = "The card's name, for card actions") @Nullable
            String cardName,

            @Schema(description = "For a move: the list it left") @Nullable
            String fromListId,

            @Schema(description = "The list it is on (after a move)") @Nullable
            String listId,

            @Schema(description = "The board's id") @Nullable
            String boardId,

            @Schema(description = "The action's data as Trello sent it") @Nullable
            JsonNode data) {}

    @Override
    public String id() {
        return "trello.model_changed";
    }

    @Override
    public String name() {
        return "Trello change";
    }

    @Override
    public String description() {
        return "Starts when something changes on a watched Trello board, list or card.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the Trello app secret must not be empty");
        }
        String callback = WebhookSignature.header(headers, CALLBACK_URL);
        if (callback == null) {
            throw new IllegalArgumentException("the receiver must pass the callback URL as " + CALLBACK_URL);
        }
        SIGNATURE.verify(headers, secret, body, WebhookSignature.bytes(callback));
        JsonNode json;
        try {
            json = TrelloApi.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRefusal(Reason.MALFORMED, "the body is not JSON");
        }
        JsonNode action = json.path("action");
        String id = TrelloApi.text(action.get("id"));
        String date = TrelloApi.text(action.get("date"));
        if (id == null || id.length() > 100 || date == null) {
            throw new WebhookRefusal(Reason.MALFORMED, "the action's id or date is missing");
        }
        Instant at;
        try {
            at = Instant.parse(date);
        } catch (DateTimeParseException e) {
            throw new WebhookRefusal(Reason.MALFORMED, "the action's date is not a date");
        }
        WebhookSignature.within(at, clock, WINDOW);
        JsonNode data = action.path("data");
        String listId = TrelloApi.text(data.path("listAfter").get("id"));
        Event e = new Event(
                id,
                action.path("type").asString(""),
                at.toString(),
                TrelloApi.text(action.path("memberCreator").get("username")),
                TrelloApi.text(data.path("card").get("id")),
                TrelloApi.text(data.path("card").get("name")),
                TrelloApi.text(data.path("listBefore").get("id")),
                listId != null ? listId : TrelloApi.text(data.path("list").get("id")),
                TrelloApi.text(data.path("board").get("id")),
                data.isMissingNode() ? null : data);
        return new TriggerEvent(id, at, TrelloApi.JSON.valueToTree(e));
    }
}
