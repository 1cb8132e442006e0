package dev.atom.ai;

/**
 * Tokens of one call as the provider reported them. {@code cachedInputTokens} is the part of
 * {@code inputTokens} served from the provider's prompt cache (billed at the cached-input price).
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }
}
