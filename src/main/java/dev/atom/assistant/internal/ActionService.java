package dev.atom.assistant.internal;

import dev.atom.connectors.ActionRunResults;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.tools.Tool;
import dev.atom.tools.ToolCatalog;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The person's decisions on actions: approve (with the input as proposed or edited, checked against the tool's
 * schema again), reject, and undo a done one through its undo call. Each claims the action by moving it from the
 * status it expects to RUNNING before the tool runs, so a double click runs nothing twice. Only the action's own
 * user finds it (404 otherwise). Thread-safe.
 */
@Service
class ActionService {
    private final ActionRepository actions;
    private final ToolCatalog catalog;
    private final ToolCalls calls;
    private final Clock clock;
    private final HeldSends heldSends;

    ActionService(ActionRepository actions, ToolCatalog catalog, ToolCalls calls, Clock clock, HeldSends heldSends) {
        this.heldSends = heldSends;
        this.actions = actions;
        this.catalog = catalog;
        this.calls = calls;
        this.clock = clock;
    }

    Action get(CurrentUser user, String id) {
        if (!Ids.isValid(id)) {
            throw ApiException.notFound("action");
        }
        Action action =
                actions.find(user.workspaceId(), user.userId(), id).orElseThrow(() -> ApiException.notFound("action"));
        return heldSends.settle(user, action); // a held send whose run has ended shows how it ended
    }

    Action approve(CurrentUser user, String id, JsonNode editedInput) {
        Action action = get(user, id);
        requireStatus(action, Action.Status.PENDING, "approved");
        ToolContext context = context(user, action);
        Tool tool = catalog.find(context, action.tool())
                .orElseThrow(
                        () -> ApiException.conflict("The tool " + action.tool() + " is no longer available to you"));
        JsonNode input =
                editedInput == null || editedInput.isNull() ? AssistantJson.parse(action.input()) : editedInput;
        if (calls.check(tool, input) instanceof ToolCalls.Parsed.Refused refused) {
            String field = refused.failure().field();
            throw ApiException.invalid(
                    field == null || field.equals("input") ? "input" : "input." + field,
                    refused.failure().message());
        }
        Action running =
                action.with(Action.Status.RUNNING, AssistantJson.write(input), null, null, null, null, clock.instant());
        if (!actions.transition(running, Action.Status.PENDING)) {
            throw ApiException.conflict("This action was already decided");
        }
        ToolResult result = calls.call(tool, context, input);
        Action finished = ToolRunner.finished(running, result, clock.instant());
        actions.transition(finished, Action.Status.RUNNING);
        return finished;
    }

    Action reject(CurrentUser user, String id, String reason) {
        Action action = get(user, id);
        requireStatus(action, Action.Status.PENDING, "rejected");
        Action rejected =
                action.with(Action.Status.REJECTED, action.input(), null, null, null, reason, clock.instant());
        if (!actions.transition(rejected, Action.Status.PENDING)) {
            throw ApiException.conflict("This action was already decided");
        }
        return rejected;
    }

    Action undo(CurrentUser user, String id) {
        Action action = get(user, id);
        requireStatus(action, Action.Status.DONE, "undone");
        if (HeldSends.isHeld(action)) { // a mail or message still in its send delay
            return heldSends.stop(user, action);
        }
        if (action.undo() == null) {
            if (action.runId() != null
                    && action.output() != null
                    && ActionRunResults.SENT.equals(
                            AssistantJson.parse(action.output()).path("status").asString(""))) {
                throw ApiException.conflict("It can no longer be stopped: it was sent (run " + action.runId() + ")");
            }
            throw ApiException.conflict("This action cannot be undone");
        }
        JsonNode undo = AssistantJson.parse(action.undo());
        ToolContext context = context(user, action);
        Tool tool = catalog.find(context, undo.path("tool").asString(""))
                .orElseThrow(() -> ApiException.conflict(
                        "The undo tool " + undo.path("tool").asString("") + " is no longer available to you"));
        JsonNode input = undo.path("input");
        Action running = actions.claimUndo(action, clock.instant());
        ToolResult result = calls.check(tool, input) instanceof ToolCalls.Parsed.Refused refused
                ? refused.failure()
                : calls.call(tool, context, input);
        if (result instanceof ToolResult.Failed failed) {
            Action back = running.with(
                    Action.Status.DONE,
                    action.input(),
                    action.summary(),
                    action.output(),
                    action.undo(),
                    "Undo failed: " + failed.message(),
                    clock.instant());
            actions.transition(back, Action.Status.RUNNING);
            throw ApiException.conflict("Undo failed: " + failed.message());
        }
        String summary = undo.path("summary").asString(((ToolResult.Done) result).summary());
        Action undone = running.with(
                Action.Status.UNDONE, action.input(), summary, action.output(), action.undo(), null, clock.instant());
        actions.transition(undone, Action.Status.RUNNING);
        return undone;
    }

    private static void requireStatus(Action action, Action.Status expected, String verb) {
        if (action.status() != expected) {
            throw ApiException.conflict("This action is " + action.status().wire() + " and cannot be " + verb);
        }
    }

    private static ToolContext context(CurrentUser user, Action action) {
        return new ToolContext(
                user.workspaceId(), user.userId(), ZoneId.of(action.timeZone()), "chat", action.conversationId());
    }
}
