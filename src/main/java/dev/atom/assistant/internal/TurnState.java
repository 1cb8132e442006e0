package dev.atom.assistant.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one turn knows while it runs: who, where, the tools offered, whether it read outside text, its actions. */
final class TurnState {
    final CurrentUser user;
    final Conversation conversation;
    final ToolContext context;
    final Map<String, Tool> offered = new LinkedHashMap<>();
    final List<Action> actions = new ArrayList<>();
    boolean readOutside;

    TurnState(CurrentUser user, Conversation conversation, ToolContext context) {
        this.user = user;
        this.conversation = conversation;
        this.context = context;
    }
}
