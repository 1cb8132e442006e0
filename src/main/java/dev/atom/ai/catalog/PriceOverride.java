package dev.atom.ai.catalog;

import java.time.Instant;

/** A workspace admin's price for one model, in micro-dollars per million tokens. */
record PriceOverride(
        String id,
        String workspaceId,
        String model,
        long inputMicros,
        long outputMicros,
        long cachedInputMicros,
        String updatedBy,
        Instant updatedAt) {}
