package dev.atom.connectors.trello;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A card's due date and its "complete" mark: what completing or re-dating a card in Atom's task list does. */
final class TrelloCardDue {
    private TrelloCardDue() {}

    @Schema(description = "A card's due date and completion; fields left out stay as they are")
    record Input(
            @Schema(description = "The card's id") String cardId,

            @Schema(description = "The new due date (the card is due at 12:00 UTC that day)", format = "date") @Nullable
            String due,

            @Schema(description = "True clears the due date") @Nullable
            Boolean clearDue,

            @Schema(description = "Mark the due date complete (true) or not (false)") @Nullable
            Boolean dueComplete) {}

    // Setting fields to given values is safe to repeat
    static final Action<Input, TrelloCards.Card> UPDATE_DUE = BaseAction.write(
            "trello.update_card_due",
            "Set a card's due date",
            "Sets or clears a Trello card's due date, or marks it complete.",
            Input.class,
            TrelloCards.Card.class,
            Idempotency.NATURAL,
            TrelloCardDue::update);

    private static TrelloCards.Card update(ActionContext ctx, Input in) {
        if (in.cardId() == null || !in.cardId().strip().matches("[0-9a-fA-F]{24}")) {
            throw new ConnectorException.InvalidInput("cardId", "must be a Trello card id (24 hex digits)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(in.clearDue())) {
            body.put("due", null);
        } else if (in.due() != null) {
            try {
                // noon UTC keeps the same calendar day in every zone people live in
                body.put(
                        "due",
                        LocalDate.parse(in.due().strip())
                                .atTime(12, 0)
                                .toInstant(ZoneOffset.UTC)
                                .toString());
            } catch (DateTimeParseException e) {
                throw new ConnectorException.InvalidInput("due", "must be a date like 2026-12-31");
            }
        }
        // Trello documents dueComplete as a query parameter of PUT /1/cards/{id}; its card body has no such field
        Map<String, String> query = in.dueComplete() == null
                ? Map.of()
                : Map.of("dueComplete", in.dueComplete().toString());
        if (body.isEmpty() && query.isEmpty()) {
            throw new ConnectorException.InvalidInput("due", "give due, clearDue or dueComplete");
        }
        return TrelloCards.Card.of(
                TrelloApi.send(ctx, "PUT", "/cards/" + TrelloApi.seg(in.cardId().strip()), query, body, "cardId"));
    }
}
