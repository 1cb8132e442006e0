package dev.atom.ai.ledger;

import java.time.Instant;

/**
 * One ledger row: one provider attempt of a gateway call. {@code outcome} is {@code ok}, {@code error} (the
 * call ended with this failure) or {@code failed_over} (this attempt failed and the gateway tried the next
 * candidate). {@code ttftMs} is null for plain calls and failures; {@code usageEstimated} marks a stream whose
 * provider reported no usage, counted from the gateway's estimate.
 */
public record UsageRecord(
        String id,
        String workspaceId,
        String userId,
        String keyId,
        String provider,
        String model,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long costMicros,
        long latencyMs,
        Long ttftMs,
        String outcome,
        String errorCode,
        String requestId,
        String source,
        boolean streamed,
        boolean usageEstimated,
        Instant createdAt) {

    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String FAILED_OVER = "failed_over";
}
