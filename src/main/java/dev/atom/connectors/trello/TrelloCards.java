package dev.atom.connectors.trello;

import static dev.atom.connectors.trello.TrelloApi.text;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Creating and moving cards. */
final class TrelloCards {
    private TrelloCards() {}

    enum Position {
        top,
        bottom
    }

    @Schema(description = "A new card")
    record CreateInput(
            @Schema(description = "The list to add it to (from trello.list_lists)")
            String listId,

            @Schema(description = "The card's title", minLength = 1, maxLength = 16384)
            String name,

            @Schema(description = "Description (Markdown)", maxLength = 16384) @Nullable
            String description,

            @Schema(description = "Due date and time", format = "date-time") @Nullable
            String due,

            @Schema(description = "top or bottom of the list (default bottom)") @Nullable
            Position position) {}

    @Schema(description = "A card to move")
    record MoveInput(
            @Schema(description = "The card's id") String cardId,

            @Schema(description = "The list to move it to") String listId,

            @Schema(description = "The board of that list, when it is on another board") @Nullable
            String boardId,

            @Schema(description = "top or bottom of the list") @Nullable
            Position position) {}

    @Schema(description = "A Trello card")
    record Card(
            @Schema(description = "Card id") String id,

            @Schema(description = "Title") String name,

            @Schema(description = "The card's page", format = "uri") @Nullable
            String url,

            @Schema(description = "The list it is on") String listId,

            @Schema(description = "The board it is on") String boardId) {

        static Card of(JsonNode c) {
            String url = text(c.get("shortUrl"));
            return new Card(
                    c.path("id").asString(),
                    c.path("name").asString(),
                    url == null ? text(c.get("url")) : url,
                    c.path("idList").asString(),
                    c.path("idBoard").asString());
        }
    }

    // Trello takes no idempotency key: creating twice makes two cards; moving to a list is safe to repeat
    static final Action<CreateInput, Card> CREATE_CARD = BaseAction.write(
            "trello.create_card",
            "Create a card",
            "Adds a card to a Trello list.",
            CreateInput.class,
            Card.class,
            Idempotency.NONE,
            TrelloCards::create);

    static final Action<MoveInput, Card> MOVE_CARD = BaseAction.write(
            "trello.move_card",
            "Move a card",
            "Moves a Trello card to another list, on the same board or another one.",
            MoveInput.class,
            Card.class,
            Idempotency.NATURAL,
            TrelloCards::move);

    private static Card create(ActionContext ctx, CreateInput in) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("idList", in.listId());
        body.put("name", in.name());
        if (in.description() != null) {
            body.put("desc", in.description());
        }
        if (in.due() != null) {
            body.put("due", in.due());
        }
        body.put("pos", in.position() == null ? "bottom" : in.position().name());
        return Card.of(TrelloApi.send(ctx, "POST", "/cards", body, "listId"));
    }

    private static Card move(ActionContext ctx, MoveInput in) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("idList", in.listId());
        if (in.boardId() != null) {
            body.put("idBoard", in.boardId());
        }
        if (in.position() != null) {
            body.put("pos", in.position().name());
        }
        return Card.of(TrelloApi.send(ctx, "PUT", "/cards/" + TrelloApi.seg(in.cardId()), body, "cardId"));
    }
}
