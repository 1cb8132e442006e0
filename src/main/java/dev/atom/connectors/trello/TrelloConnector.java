package dev.atom.connectors.trello;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Trello: boards, lists and cards, with Trello's API key and a user token (sent as its {@code key} and
 * {@code token} query parameters). Health is {@code GET /members/me}.
 */
@Component
class TrelloConnector extends BaseConnector {
    static final String API_KEY = "api_key";
    static final String TOKEN = "token";

    private static final List<Action<?, ?>> ACTIONS = List.of(
            TrelloBoards.LIST_BOARDS,
            TrelloBoards.LIST_LISTS,
            TrelloCards.CREATE_CARD,
            TrelloCards.MOVE_CARD,
            TrelloCardDue.UPDATE_DUE);
    private final TrelloWebhookTrigger changes;
    private final TrelloCardsFeed cards = new TrelloCardsFeed();

    TrelloConnector(Clock clock) {
        super(
                "trello",
                "Trello",
                "https://api.trello.com/1",
                List.of("productivity"),
                new AuthSpec.ApiKey(List.of(
                        new CredentialField(
                                API_KEY, "API key", false, true, "[0-9a-f]{32}", "From your Power-Up's API key page"),
                        new CredentialField(
                                TOKEN,
                                "Token",
                                true,
                                true,
                                "[A-Za-z0-9]{32,128}",
                                "Generated from the API key page's Token link, for your Trello account"))));
        this.changes = new TrelloWebhookTrigger(clock);
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(changes);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(cards);
    }

    @Override
    public Health check(ActionContext context) {
        JsonNode me = TrelloApi.get(context, "/members/me", Map.of("fields", "username,fullName"), null);
        return Health.ok(me.path("username").asString());
    }
}
