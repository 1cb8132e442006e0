package dev.atom.assistant.internal;

import java.time.Instant;

/**
 * A write a tool made or proposes. {@code input}, {@code output} and {@code undo} are JSON text; {@code undo} is
 * the {@link dev.atom.tools.ToolResult.Undo} of a done write ({tool, input, summary}), null when it cannot be
 * undone; {@code timeZone} is the turn's, for approving it later. {@code messageId} is the assistant message whose tool call made it;
 * {@code runId} the workflow run that carried it out (trigger {@code chat}), or null.
 */
record Action(
        String id,
        String workspaceId,
        String userId,
        String conversationId,
        String messageId,
        String toolCallId,
        String tool,
        String input,
        String preview,
        String effect,
        String timeZone,
        Status status,
        String summary,
        String output,
        String undo,
        String error,
        Instant createdAt,
        Instant updatedAt,
        String runId) {

    enum Status {
        /** Waits for the person's approval. */
        PENDING,
        /** Claimed by an approval or an undo that is running now (saved before the tool runs, so it runs once). */
        RUNNING,
        /** Ran and succeeded. */
        DONE,
        /** Ran and failed ({@code error}). */
        FAILED,
        /** The person rejected it ({@code error} holds the reason, if any). */
        REJECTED,
        /** Done, then undone. */
        UNDONE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    Action with(
            Status newStatus,
            String newInput,
            String newSummary,
            String newOutput,
            String newUndo,
            String newError,
            Instant at) {
        return new Action(
                id,
                workspaceId,
                userId,
                conversationId,
                messageId,
                toolCallId,
                tool,
                newInput,
                preview,
                effect,
                timeZone,
                newStatus,
                newSummary,
                newOutput,
                newUndo,
                newError,
                createdAt,
                at,
                runId);
    }

    /** The same, carried out by workflow run {@code id} (a call reaching another app), or by none (null). */
    Action withRun(String id) {
        return new Action(
                this.id,
                workspaceId,
                userId,
                conversationId,
                messageId,
                toolCallId,
                tool,
                input,
                preview,
                effect,
                timeZone,
                status,
                summary,
                output,
                undo,
                error,
                createdAt,
                updatedAt,
                id);
    }
}
