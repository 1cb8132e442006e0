package dev.atom.assistant.internal;

import java.time.Instant;

/** A chat of one user with the assistant; {@code title} is null until set. */
record Conversation(String id, String workspaceId, String userId, String title, Instant createdAt, Instant updatedAt) {}
