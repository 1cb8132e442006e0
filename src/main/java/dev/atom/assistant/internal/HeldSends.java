package dev.atom.assistant.internal;

import dev.atom.connectors.ActionRunResults;
import dev.atom.connectors.ActionRuns;
import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Actions whose run was still going when they were answered: a mail or message held for its send delay, or a call
 * still being retried. Undo of a held one stops the run before its call (the run ends as cancelled and nothing
 * reaches the service); once the call has started it is too late: the action stays done, without its undo, and the
 * answer says so. When such a run has ended, the action is brought up to date with it as it is read ({@link
 * #settle}): sent (the service's answer, no more undo) or failed with the run's reason. Reading the run rather than
 * being told by it means no outcome is lost to a restart. Thread-safe.
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

    /** {@link #settle} of each action (all the caller's own). */
    List<Action> settle(CurrentUser user, List<Action> list) {
        return list.stream().map(a -> settle(user, a)).toList();
    }

    /** The action, brought up to date with its run's end when it was answered before that end; else as it is. */
    Action settle(CurrentUser user, Action action) {
        if (action.status() != Action.Status.DONE || action.output() == null) {
            return action;
        }
        JsonNode output = AssistantJson.parse(action.output());
        if (!ActionRunResults.awaitsRun(output, action.runId())) {
            return action;
        }
        Optional<ActionRuns.Result> now =
                runs.outcome(new Connectors.Caller(user.workspaceId(), user.userId()), action.runId());
        if (now.isEmpty() || now.get() instanceof ActionRuns.Result.Pending) {
            return action;
        }
        boolean held = ActionRunResults.held(output);
        Action ended = switch (now.get()) {
            case ActionRuns.Result.Succeeded done ->
                action.with(
                        Action.Status.DONE,
                        action.input(),
                        ActionRunResults.endedSummary(action.summary(), held ? "sent" : "done"),
                        AssistantJson.write(ActionRunResults.succeeded(done, held)),
                        null,
                        null,
                        clock.instant());
            case ActionRuns.Result.Failed failed ->
                action.with(
                        Action.Status.FAILED,
                        action.input(),
                        ActionRunResults.endedSummary(action.summary(), held ? "not sent" : "failed"),
                        action.output(),
                        null,
                        (held ? "Not sent: " : "Failed: ") + failed.error(),
                        clock.instant());
            case ActionRuns.Result.Pending pending -> action;
        };
        if (actions.transition(ended, Action.Status.DONE)) {
            return ended;
        }
        // decided meanwhile (an undo claimed it): as it is now
        return actions.find(user.workspaceId(), user.userId(), action.id()).orElse(action);
    }
}
