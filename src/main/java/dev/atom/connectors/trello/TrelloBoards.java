package dev.atom.connectors.trello;

import static dev.atom.connectors.trello.TrelloApi.text;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Boards and their lists. */
final class TrelloBoards {
    private TrelloBoards() {}

    @Schema(description = "Which boards to list")
    record BoardsInput(
            @Schema(description = "Also list closed (archived) boards") @Nullable
            Boolean includeClosed) {}

    @Schema(description = "A Trello board")
    record Board(
            @Schema(description = "Board id") String id,

            @Schema(description = "Name") String name,

            @Schema(description = "The board's page", format = "uri") @Nullable
            String url,

            @Schema(description = "True when archived") boolean closed) {}

    @Schema(description = "The boards of the connected member")
    record Boards(@Schema(description = "The boards") List<Board> boards) {}

    @Schema(description = "Whose lists to list")
    record ListsInput(
            @Schema(description = "Board id (from trello.list_boards)", examples = "\"5abbe4b7ddc1b351ef961414\"")
            String boardId) {}

    @Schema(description = "A list on a board")
    record TrelloList(
            @Schema(description = "List id") String id,

            @Schema(description = "Name") String name,

            @Schema(description = "Position on the board (lower is further left)")
            double pos) {}

    @Schema(description = "The open lists of a board, left to right")
    record Lists(@Schema(description = "The lists") List<TrelloList> lists) {}

    static final Action<BoardsInput, Boards> LIST_BOARDS = BaseAction.read(
            "trello.list_boards",
            "List boards",
            "Lists the Trello boards of the connected member.",
            BoardsInput.class,
            Boards.class,
            TrelloBoards::boards);

    static final Action<ListsInput, Lists> LIST_LISTS = BaseAction.read(
            "trello.list_lists",
            "List a board's lists",
            "Lists the open lists of a Trello board, left to right.",
            ListsInput.class,
            Lists.class,
            TrelloBoards::lists);

    private static Boards boards(ActionContext ctx, BoardsInput in) {
        String filter = Boolean.TRUE.equals(in.includeClosed()) ? "all" : "open";
        JsonNode r =
                TrelloApi.get(ctx, "/members/me/boards", Map.of("filter", filter, "fields", "name,url,closed"), null);
        List<Board> out = new ArrayList<>();
        for (JsonNode b : r) {
            out.add(new Board(
                    b.path("id").asString(),
                    b.path("name").asString(),
                    text(b.get("url")),
                    b.path("closed").asBoolean(false)));
        }
        return new Boards(out);
    }

    private static Lists lists(ActionContext ctx, ListsInput in) {
        JsonNode r = TrelloApi.get(
                ctx,
                "/boards/" + TrelloApi.seg(in.boardId()) + "/lists",
                Map.of("filter", "open", "fields", "name,pos"),
                "boardId");
        List<TrelloList> out = new ArrayList<>();
        for (JsonNode l : r) {
            out.add(new TrelloList(
                    l.path("id").asString(),
                    l.path("name").asString(),
                    l.path("pos").asDouble(0)));
        }
        return new Lists(out);
    }
}
