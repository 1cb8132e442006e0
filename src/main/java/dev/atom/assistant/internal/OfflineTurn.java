package dev.atom.assistant.internal;

import dev.atom.ai.AiGatewayException;
import dev.atom.assistant.OfflineAssistant;
import dev.atom.shared.Ids;
import dev.atom.tools.ToolResult;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A turn without a model: the {@link OfflineAssistant} bean, when there is one (the seam the offline intent parser
 * plugs into), acts through the same tool rules; otherwise, or when it does not understand, the answer says how to
 * add a key. Thread-safe.
 */
@Component
class OfflineTurn {
    private final ObjectProvider<OfflineAssistant> assistant;
    private final dev.atom.tools.ToolCatalog catalog;
    private final ToolCalls calls;
    private final ToolRunner runner;
    private final ConversationRepository repository;
    private final Clock clock;

    OfflineTurn(
            ObjectProvider<OfflineAssistant> assistant,
            dev.atom.tools.ToolCatalog catalog,
            ToolCalls calls,
            ToolRunner runner,
            ConversationRepository repository,
            Clock clock) {
        this.assistant = assistant;
        this.catalog = catalog;
        this.calls = calls;
        this.runner = runner;
        this.repository = repository;
        this.clock = clock;
    }

    /** True when the gateway refused because the person holds no key that could answer. */
    static boolean noKey(AiGatewayException e) {
        return "no_usable_key".equals(e.code());
    }

    TurnService.Outcome answer(TurnState turn, String text, AiGatewayException why, TurnEvents events) {
        OfflineAssistant parser = assistant.getIfAvailable();
        String messageId = Ids.newId(); // the answer's id: actions it makes belong to it
        Optional<String> answer = Optional.empty();
        if (parser != null) {
            answer = parser.answer(
                    turn.context,
                    text,
                    (name, input) -> catalog.find(turn.context, name)
                            .map(tool -> switch (calls.check(tool, input)) {
                                case ToolCalls.Parsed.Refused refused -> (ToolResult) refused.failure();
                                case ToolCalls.Parsed.Input ok ->
                                    runner.execute(turn, messageId, "offline_" + Ids.newId(), tool, ok.value(), events);
                            })
                            .orElseGet(() -> new ToolResult.Failed("There is no tool named " + name, null)));
        }
        Message last = new Message(
                messageId,
                turn.conversation.workspaceId(),
                turn.conversation.id(),
                Message.Role.ASSISTANT,
                answer.orElseGet(() -> Texts.noKey(why == null ? null : why.getMessage())),
                null,
                null,
                null,
                TurnInput.OFFLINE,
                0L,
                0L,
                0L,
                clock.instant());
        repository.append(last);
        return new TurnService.Outcome(last, List.copyOf(turn.actions), null);
    }
}
