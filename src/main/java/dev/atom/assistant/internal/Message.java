package dev.atom.assistant.internal;

import java.time.Instant;

/**
 * One message of a conversation. {@code toolCalls} (JSON text, OpenAI form) is set on an assistant message that
 * called tools; a {@code tool} message answers the call {@code toolCallId} of tool {@code toolName}. Usage and
 * cost (micro-dollars) are the whole turn's, on the turn's final assistant message.
 */
record Message(
        String id,
        String workspaceId,
        String conversationId,
        Role role,
        String text,
        String toolCalls,
        String toolCallId,
        String toolName,
        String model,
        Long inputTokens,
        Long outputTokens,
        Long costMicros,
        Instant createdAt) {

    enum Role {
        USER,
        ASSISTANT,
        TOOL;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Role of(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static Message user(String workspaceId, String conversationId, String text, Instant at) {
        return new Message(
                dev.atom.shared.Ids.newId(),
                workspaceId,
                conversationId,
                Role.USER,
                text,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                at);
    }

    static Message tool(
            String workspaceId, String conversationId, String callId, String tool, String text, Instant at) {
        return new Message(
                dev.atom.shared.Ids.newId(),
                workspaceId,
                conversationId,
                Role.TOOL,
                text,
                null,
                callId,
                tool,
                null,
                null,
                null,
                null,
                at);
    }
}
