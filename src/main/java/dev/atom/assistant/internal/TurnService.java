package dev.atom.assistant.internal;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.assistant.internal.catalog.FindTools;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.TimeZones;
import dev.atom.shared.Ids;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolCatalog;
import dev.atom.tools.ToolContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One turn: the person's message, then up to {@code maxSteps} model calls through the gateway (source chat, the
 * person's keys), each answer's tool calls all run by {@link ToolRunner}, until the model answers without calling
 * tools. Every message is stored as it happens. Reaching the step limit, the gateway failing (over budget, the
 * provider down) or no key at all each end the turn with an answer that says so. Thread-safe.
 */
@Service
class TurnService {
    private final Conversations conversations;
    private final ConversationRepository repository;
    private final ActionRepository actions;
    private final ToolCatalog catalog;
    private final ToolRunner runner;
    private final ModelCalls model;
    private final OfflineTurn offline;
    private final AssistantProperties properties;
    private final TimeZones zones;
    private final PageContext page;
    private final Clock clock;

    TurnService(
            Conversations conversations,
            ConversationRepository repository,
            ActionRepository actions,
            ToolCatalog catalog,
            ToolRunner runner,
            ModelCalls model,
            OfflineTurn offline,
            AssistantProperties properties,
            TimeZones zones,
            PageContext page,
            Clock clock) {
        this.conversations = conversations;
        this.repository = repository;
        this.actions = actions;
        this.catalog = catalog;
        this.runner = runner;
        this.model = model;
        this.offline = offline;
        this.properties = properties;
        this.zones = zones;
        this.page = page;
        this.clock = clock;
    }

    /** The turn's answer: its final message, the actions it took or proposed, and the failure that ended it. */
    record Outcome(Message message, List<Action> actions, AiGatewayException error) {
        ObjectNode json() {
            ObjectNode out = AssistantJson.NODES.objectNode();
            out.set("message", AssistantJson.message(message, List.of()));
            ArrayNode list = out.putArray("actions");
            actions.forEach(a -> list.add(AssistantJson.action(a)));
            if (error != null) {
                out.putObject("error").put("code", error.code()).put("message", error.getMessage());
            }
            return out;
        }
    }

    /** Checks the conversation (404) and the input (400) before anything is stored. */
    Prepared prepare(CurrentUser user, String conversationId, tools.jackson.databind.JsonNode body) {
        Conversation c = conversations.get(user, conversationId);
        return new Prepared(user, c, TurnInput.parse(body, properties.maxMessageChars(), zones.of(user.userId())));
    }

    record Prepared(CurrentUser user, Conversation conversation, TurnInput input) {}

    Outcome run(Prepared p, TurnEvents events) {
        CurrentUser user = p.user();
        Conversation c = p.conversation();
        TurnInput in = p.input();
        List<Message> history = repository.messages(user.workspaceId(), c.id());
        Message said = Message.user(user.workspaceId(), c.id(), in.text(), clock.instant());
        repository.append(said);
        ToolContext context = new ToolContext(user.workspaceId(), user.userId(), in.timeZone(), "chat", c.id());
        TurnState turn = new TurnState(user, c, context);
        if (in.model().equals(TurnInput.OFFLINE)) {
            return offline.answer(turn, in.text(), null, events);
        }
        List<String> used = history.stream()
                .map(Message::toolName)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        catalog.relevant(context, in.text(), used, properties.maxTools()).forEach(t -> turn.offered.put(t.name(), t));
        turn.offered.put(FindTools.NAME, new FindTools(catalog));
        Map<String, Action> byCall = actions.ofConversation(user.workspaceId(), c.id()).stream()
                .filter(a -> a.toolCallId() != null)
                .collect(Collectors.toMap(Action::toolCallId, Function.identity(), (a, b) -> b));
        List<Message> all = new ArrayList<>(history);
        all.add(said);
        String prompt = SystemPrompt.text(context, clock) + page.prompt(turn, in.context());
        ArrayNode messages = History.of(prompt, all, byCall);
        AiGateway.Caller caller =
                new AiGateway.Caller(user.workspaceId(), user.userId(), CallSource.CHAT, "chat-" + said.id());
        Spend spend = new Spend();
        for (int step = 1; step <= properties.maxSteps(); step++) {
            ModelAnswer answer;
            try {
                answer = model.ask(caller, request(in.model(), messages, turn), events);
            } catch (AiGatewayException e) {
                if (step == 1 && OfflineTurn.noKey(e)) {
                    return offline.answer(turn, in.text(), e, events);
                }
                return end(turn, spend, Texts.failed(e, step - 1, turn.actions), e);
            }
            spend.add(answer);
            if (answer.calls().isEmpty()) {
                String text = answer.text().isBlank() ? "(The model gave an empty answer.)" : answer.text();
                return end(turn, spend, text, null);
            }
            Message asked = toolCalls(c, answer);
            repository.append(asked);
            messages.add(AssistantJson.NODES
                    .objectNode()
                    .put("role", "assistant")
                    .put("content", asked.text())
                    .set("tool_calls", AssistantJson.parse(asked.toolCalls())));
            for (ModelAnswer.Call call : answer.calls()) {
                String content = runner.run(turn, asked.id(), call, events);
                repository.append(
                        Message.tool(c.workspaceId(), c.id(), call.id(), call.name(), content, clock.instant()));
                messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", call.id())
                        .put("content", content);
            }
        }
        return end(turn, spend, Texts.stopped(properties.maxSteps(), turn.actions), null);
    }

    private Message toolCalls(Conversation c, ModelAnswer answer) {
        ArrayNode calls = AssistantJson.NODES.arrayNode();
        for (ModelAnswer.Call call : answer.calls()) {
            calls.addObject()
                    .put("id", call.id())
                    .put("type", "function")
                    .putObject("function")
                    .put("name", call.name())
                    .put("arguments", call.arguments());
        }
        return new Message(
                Ids.newId(),
                c.workspaceId(),
                c.id(),
                Message.Role.ASSISTANT,
                answer.text().isBlank() ? null : answer.text(),
                AssistantJson.write(calls),
                null,
                null,
                answer.model(),
                null,
                null,
                null,
                clock.instant());
    }

    private static ObjectNode request(String modelName, ArrayNode messages, TurnState turn) {
        ObjectNode request = AssistantJson.NODES.objectNode().put("model", modelName);
        request.set("messages", messages);
        ArrayNode tools = request.putArray("tools");
        for (Tool tool : turn.offered.values()) {
            ObjectNode parameters = tool.inputSchema() instanceof ObjectNode schema
                    ? schema.deepCopy()
                    : AssistantJson.NODES.objectNode().put("type", "object");
            parameters.remove("$schema"); // not every provider takes it
            tools.addObject()
                    .put("type", "function")
                    .putObject("function")
                    .put("name", tool.name())
                    .put("description", tool.description())
                    .set("parameters", parameters);
        }
        return request;
    }

    /** Stores the turn's final assistant message with what the whole turn used and cost. */
    private Outcome end(TurnState turn, Spend spend, String text, AiGatewayException error) {
        Message last = new Message(
                Ids.newId(),
                turn.conversation.workspaceId(),
                turn.conversation.id(),
                Message.Role.ASSISTANT,
                text,
                null,
                null,
                null,
                spend.model,
                spend.input,
                spend.output,
                spend.cost,
                clock.instant());
        repository.append(last);
        return new Outcome(last, List.copyOf(turn.actions), error);
    }

    /** Tokens and money of a turn so far, over all its model calls. */
    private static final class Spend {
        String model;
        long input;
        long output;
        long cost;

        void add(ModelAnswer answer) {
            model = answer.model();
            input += answer.usage().inputTokens();
            output += answer.usage().outputTokens();
            cost += answer.costMicros();
        }
    }
}
