package dev.atom.connectors.teams;

import static dev.atom.connectors.MicrosoftGraph.id;
import static dev.atom.connectors.MicrosoftGraph.query;
import static dev.atom.connectors.MicrosoftGraph.text;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The person's chats (one-on-one, group, meeting): list, read, send. */
final class TeamsChats {
    static final String CHAT = "the chat";

    private TeamsChats() {}

    @Schema(description = "Which chats to list")
    record ListInput(
            @Schema(description = "At most this many (default 20)", minimum = 1, maximum = 50) @Nullable
            Integer limit) {}

    @Schema(description = "A chat")
    record Chat(
            @Schema(description = "Chat id") String id,

            @Schema(description = "oneOnOne, group or meeting") @Nullable
            String chatType,

            @Schema(description = "The topic, for group and meeting chats") @Nullable
            String topic,

            @Schema(description = "Last activity", format = "date-time") @Nullable
            String lastUpdatedAt,

            @Schema(description = "The latest message's start") @Nullable
            String lastMessage) {}

    @Schema(description = "The person's chats")
    record Chats(@Schema(description = "The chats") List<Chat> chats) {}

    @Schema(description = "Which chat to read")
    record ReadInput(
            @Schema(description = "The chat's id (from teams.list_chats)")
            String chatId,

            @Schema(description = "At most this many, newest first (default 20)", minimum = 1, maximum = 50) @Nullable
            Integer limit) {}

    @Schema(description = "A chat message to send")
    record SendInput(
            @Schema(description = "The chat's id") String chatId,

            @Schema(description = "The text", minLength = 1, maxLength = 28000)
            String text) {}

    static final Action<ListInput, Chats> LIST_CHATS = BaseAction.read(
            "teams.list_chats",
            "List chats",
            "Lists the person's Teams chats (one-on-one, group and meeting chats).",
            ListInput.class,
            Chats.class,
            TeamsChats::chats);

    static final Action<ReadInput, TeamsChannels.Messages> READ_CHAT = BaseAction.read(
            "teams.read_chat_messages",
            "Read chat messages",
            "Reads the latest messages of a Teams chat, newest first.",
            ReadInput.class,
            TeamsChannels.Messages.class,
            TeamsChats::read);

    static final Action<SendInput, TeamsMessage> SEND = BaseAction.write(
                    "teams.send_chat_message",
                    "Send a chat message",
                    "Sends a message in a Teams chat.",
                    SendInput.class,
                    TeamsMessage.class,
                    Idempotency.NONE,
                    (ctx, in) -> TeamsMessage.of(MicrosoftGraph.call(
                            ctx,
                            "POST",
                            "/chats/" + id(in.chatId(), "chatId") + "/messages",
                            TeamsChannels.content(in.text()),
                            "chatId",
                            CHAT)))
            .reachingPeople();

    private static Chats chats(ActionContext ctx, ListInput in) {
        JsonNode page = MicrosoftGraph.get(
                ctx,
                "/me/chats" + query("$top", in.limit() == null ? 20 : in.limit(), "$expand", "lastMessagePreview"),
                null,
                null);
        List<Chat> out = new ArrayList<>();
        for (JsonNode c : page.path("value")) {
            out.add(new Chat(
                    c.path("id").asString(),
                    text(c, "chatType"),
                    text(c, "topic"),
                    text(c, "lastUpdatedDateTime"),
                    c.has("lastMessagePreview")
                            ? dev.atom.connectors.MessageText.snippet(
                                    TeamsMessage.body(c.path("lastMessagePreview")), 200)
                            : null));
        }
        return new Chats(out);
    }

    private static TeamsChannels.Messages read(ActionContext ctx, ReadInput in) {
        JsonNode page = MicrosoftGraph.get(
                ctx,
                "/chats/" + id(in.chatId(), "chatId") + "/messages"
                        + query("$top", in.limit() == null ? 20 : in.limit(), "$orderby", "createdDateTime desc"),
                "chatId",
                CHAT);
        return TeamsChannels.messages(page);
    }
}
