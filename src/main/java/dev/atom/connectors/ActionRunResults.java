package dev.atom.connectors.tools;

import dev.atom.connectors.ActionRuns;
import dev.atom.tools.ToolResult;
import java.time.Duration;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** How a connector action's run that has not ended yet reads as a tool's result. Stateless. */
final class ActionRunResults {
    private ActionRunResults() {}

    /**
     * Held for its send delay: done for now (the model is told it is scheduled, not sent), undone by stopping the
     * run; or still being retried after the caller's wait: done for now, the run goes on and its history says how.
     */
    static ToolResult.Done pending(ActionRuns.Result.Pending pending, String summary) {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("runId", pending.runId());
        if (pending.sendsAt() != null) {
            output.put("status", "scheduled").put("sendsAt", pending.sendsAt().toString());
            output.put("note", "Not sent yet: the person can still stop it; do not send it again.");
            return new ToolResult.Done(
                    output,
                    summary + ": sends at " + pending.sendsAt() + " unless you undo it",
                    new ToolResult.Undo(null, null, "Stopped before sending: nothing was sent"),
                    pending.runId());
        }
        output.put("status", pending.status());
        output.put("note", "The service did not answer yet; Atom keeps retrying. Do not call it again.");
        return new ToolResult.Done(output, summary + ": still being retried", null, pending.runId());
    }

    /** "10 s", "2 min". */
    static String seconds(Duration d) {
        return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }
}
