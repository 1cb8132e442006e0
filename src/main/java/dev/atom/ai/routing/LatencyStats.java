package dev.atom.ai.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Observed speed per provider and model, as exponentially weighted moving averages (weight {@value #ALPHA} on
 * the newest sample) of the time to first token and of output tokens per second. Streams give both; a plain
 * call gives only its total time, so it updates the speed using the current time-to-first-token average.
 * Unobserved models start from a prior ({@value #PRIOR_TTFT_MS} ms, {@value #PRIOR_TOKENS_PER_SECOND}
 * tokens/s). Kept in memory per process: a restart forgets and re-learns within a few calls. Thread-safe.
 */
@Component
public class LatencyStats {
    static final double ALPHA = 0.2;
    static final double PRIOR_TTFT_MS = 1_000;
    static final double PRIOR_TOKENS_PER_SECOND = 60;

    /** The averages of one provider+model; {@code samples} counts observations. */
    public record Speed(double ttftMs, double tokensPerSecond, long samples) {
        /** Expected milliseconds to produce {@code outputTokens}. */
        public double expectedMs(int outputTokens) {
            return ttftMs + outputTokens * 1000.0 / Math.max(0.1, tokensPerSecond);
        }
    }

    private static final Speed PRIOR = new Speed(PRIOR_TTFT_MS, PRIOR_TOKENS_PER_SECOND, 0);
    private final ConcurrentMap<String, Speed> speeds = new ConcurrentHashMap<>();

    public Speed speed(String provider, String model) {
        return speeds.getOrDefault(provider + "/" + model, PRIOR);
    }

    /**
     * Records a successful call: {@code ttftMs} is null for a plain call. Calls with no output tokens tell
     * nothing about speed and only update the time to first token.
     */
    public void record(String provider, String model, Long ttftMs, long totalMs, long outputTokens) {
        speeds.compute(provider + "/" + model, (k, old) -> {
            Speed s = old == null ? PRIOR : old;
            boolean first = old == null;
            double ttft = s.ttftMs();
            if (ttftMs != null) {
                ttft = first ? ttftMs : blend(s.ttftMs(), ttftMs);
            }
            double tps = s.tokensPerSecond();
            double generating = totalMs - (ttftMs != null ? ttftMs : Math.min(ttft, totalMs * 0.5));
            if (outputTokens > 0 && generating > 0) {
                double sample = outputTokens * 1000.0 / generating;
                tps = first ? sample : blend(s.tokensPerSecond(), sample);
            }
            return new Speed(ttft, tps, s.samples() + 1);
        });
    }

    private static double blend(double average, double sample) {
        return average + ALPHA * (sample - average);
    }
}
