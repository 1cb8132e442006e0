package dev.atom.connectors;

import dev.atom.tools.ToolResult;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an action run that has not ended yet reads as a tool's result, and how that result reads once the run has
 * ended, for every tool that runs an action through {@link ActionRuns} (connector actions, the inbox's reply).
 * Stateless.
 */
public final class ActionRunResults {
    /** The {@code status} of a held send's output until its run ends; then {@value #SENT}. */
    public static final String SCHEDULED = "scheduled";

    public static final String SENT = "sent";
    /** The {@code status} of a retried action's output once its run has succeeded. */
    public static final String DONE = "done";

    private static final String SENDS_AT = ": sends at ";
    private static final String RETRYING = ": still being retried";

    private ActionRunResults() {}

    /**
     * Held for its send delay: done for now (the model is told it is scheduled, not sent), undone by stopping the
     * run; or still being retried after the caller's wait: done for now, the run goes on and its history says how.
     */
    public static ToolResult.Done pending(ActionRuns.Result.Pending pending, String summary) {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("runId", pending.runId());
        if (pending.sendsAt() != null) {
            output.put("status", SCHEDULED).put("sendsAt", pending.sendsAt().toString());
            output.put("note", "Not sent yet: the person can still stop it; do not send it again.");
            return new ToolResult.Done(
                    output,
                    summary + SENDS_AT + pending.sendsAt() + " unless you undo it",
                    new ToolResult.Undo(null, null, "Stopped before sending: nothing was sent"),
                    pending.runId());
        }
        output.put("status", pending.status());
        output.put("note", "The service did not answer yet; Atom keeps retrying. Do not call it again.");
        return new ToolResult.Done(output, summary + RETRYING, null, pending.runId());
    }

    /**
     * Whether {@code output} is what {@link #pending} said of the run {@code runId} (held, or still being
     * retried), so that its real outcome is in the run.
     */
    public static boolean awaitsRun(JsonNode output, String runId) {
        if (output == null
                || runId == null
                || !runId.equals(output.path("runId").asString(null))) {
            return false;
        }
        String status = output.path("status").asString("");
        return !output.has("output") && !status.equals(SENT) && !status.equals(DONE);
    }

    /** Whether {@code output} is a held send's ({@link #pending} with a send time). */
    public static boolean held(JsonNode output) {
        return output != null && SCHEDULED.equals(output.path("status").asString(""));
    }

    /**
     * The output of an action whose run has since succeeded: {@code {status, runId, output}} with the service's
     * answer; the status is {@value #SENT} for a held send ({@code held}), else {@value #DONE}.
     */
    public static ObjectNode succeeded(ActionRuns.Result.Succeeded ended, boolean held) {
        ObjectNode out = JsonNodeFactory.instance
                .objectNode()
                .put("status", held ? SENT : DONE)
                .put("runId", ended.runId());
        out.set("output", ended.output());
        return out;
    }

    /**
     * "Post message on Slack “Acme”: sent", from what {@link #pending} said ("…: sends at … unless you undo it",
     * "…: still being retried") and {@code how} it ended.
     */
    public static String endedSummary(String pendingSummary, String how) {
        String what = pendingSummary == null ? "" : pendingSummary;
        int at = what.indexOf(SENDS_AT);
        if (at >= 0) {
            what = what.substring(0, at);
        } else if (what.endsWith(RETRYING)) {
            what = what.substring(0, what.length() - RETRYING.length());
        }
        return what.isEmpty() ? how : what + ": " + how;
    }

    /** "10 s", "2 min". */
    public static String seconds(Duration d) {
        return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }
}
