package dev.atom.assistant.internal;

import dev.atom.connectors.ActionRuns;
import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Undo of a mail or message held for its send delay: the action's run is stopped before its call (the run ends
 * as cancelled and nothing reaches the service). Once the call has started it is too late: the action stays
 * done, without its undo, and the answer says so. Thread-safe.
 */
@Component
class HeldSends {
    private final ActionRepository actions;
    private final ActionRuns runs;
    private final Clock clock;

    HeldSends(ActionRepository actions, ActionRuns runs, Clock clock) {
        this.actions = actions;
        this.runs = runs;
        this.clock = clock;
    }

    /** Whether undoing this done action means stopping its run ({@link dev.atom.tools.ToolResult.Undo} without tool). */
    static boolean isHeld(Action action) {
        if (action.undo() == null || action.runId() == null) {
            return false;
        }
        return !AssistantJson.parse(action.undo()).path("tool").isString();
    }

    Action stop(CurrentUser user, Action action) {
        JsonNode undo = AssistantJson.parse(action.undo());
        Action running = actions.claimUndo(action, clock.instant());
        if (runs.stop(new Connectors.Caller(user.workspaceId(), user.userId()), action.runId())) {
            Action undone = running.with(
                    Action.Status.UNDONE,
                    action.input(),
                    undo.path("summary").asString("Stopped before sending"),
                    action.output(),
                    action.undo(),
                    null,
                    clock.instant());
            actions.transition(undone, Action.Status.RUNNING);
            return undone;
        }
        String tooLate = "It can no longer be stopped: the send has started or ended (run " + action.runId() + ")";
        Action sent = running.with(
                Action.Status.DONE, action.input(), action.summary(), action.output(), null, null, clock.instant());
        actions.transition(sent, Action.Status.RUNNING);
        throw ApiException.conflict(tooLate);
    }
}
