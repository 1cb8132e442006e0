package dev.atom.ai.gateway;

import dev.atom.ai.AiGateway.Caller;
import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.Usage;
import dev.atom.ai.ledger.Budgets;
import dev.atom.ai.ledger.UsageLedger;
import dev.atom.ai.ledger.UsageRecord;
import dev.atom.ai.routing.Candidate;
import dev.atom.ai.routing.LatencyStats;
import dev.atom.ai.routing.RequestNeeds;
import dev.atom.ai.routing.TokenEstimator;
import dev.atom.shared.Ids;
import java.time.Clock;

/** What every attempt reports to: the ledger, the budgets, the latency stats. Thread-safe (stateless). */
public final class AttemptLog {
    private final UsageLedger ledger;
    private final Budgets budgets;
    private final LatencyStats stats;
    private final TokenEstimator tokens;
    private final Clock clock;

    public AttemptLog(UsageLedger ledger, Budgets budgets, LatencyStats stats, TokenEstimator tokens, Clock clock) {
        this.ledger = ledger;
        this.budgets = budgets;
        this.stats = stats;
        this.tokens = tokens;
        this.clock = clock;
    }

    Attempt start(Caller caller, RoutingAiGateway.Kind kind, Candidate c, RequestNeeds needs, ChatStreamSink sink) {
        return new Attempt(this, caller, kind, c, needs, sink);
    }

    Budgets budgets() {
        return budgets;
    }

    LatencyStats stats() {
        return stats;
    }

    TokenEstimator tokens() {
        return tokens;
    }

    void write(
            Caller caller,
            Candidate c,
            boolean streamed,
            Usage usage,
            long cost,
            long ms,
            Long ttft,
            String outcome,
            String errorCode,
            boolean estimated) {
        ledger.append(new UsageRecord(
                Ids.newId(),
                caller.workspaceId(),
                caller.userId(),
                c.key().id(),
                c.model().provider(),
                c.model().id(),
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cachedInputTokens(),
                cost,
                ms,
                ttft,
                outcome,
                errorCode,
                caller.requestId(),
                caller.source().name().toLowerCase(java.util.Locale.ROOT),
                streamed,
                estimated,
                clock.instant()));
    }
}
