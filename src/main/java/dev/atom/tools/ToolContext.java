package dev.atom.tools;

import java.time.ZoneId;

/**
 * Who calls a tool and from where. {@code source} is {@code chat} or {@code mcp}; {@code conversationId} is null
 * outside a chat. Tools read only what {@code userId} may see in {@code workspaceId}.
 */
public record ToolContext(String workspaceId, String userId, ZoneId timeZone, String source, String conversationId) {}
