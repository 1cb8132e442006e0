package dev.atom.ai.gateway;

import dev.atom.ai.AiGateway.Caller;
import dev.atom.ai.AiGateway.Result;
import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.Usage;
import dev.atom.ai.ledger.BudgetRepository.Reservation;
import dev.atom.ai.providers.ChatResponse;
import dev.atom.ai.providers.StreamOutcome;
import dev.atom.ai.routing.Candidate;
import dev.atom.ai.routing.RequestNeeds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One provider attempt of a gateway call: times it, and on its end writes the ledger row, settles the
 * budgets and feeds the latency stats (through {@link AttemptLog}). Used by one thread.
 */
final class Attempt {
    private final AttemptLog log;
    private final Caller caller;
    private final RoutingAiGateway.Kind kind;
    private final Candidate candidate;
    private final RequestNeeds needs;
    private final TrackingSink sink;
    private final long startNanos;

    /** What the adapter gave back: the body (null for streams) and its usage, if the provider reported it. */
    record Answer(ObjectNode body, Usage usage, boolean usageReported) {
        static Answer of(ChatResponse r) {
            // adapters give Usage.NONE itself when the answer had no usage block
            return new Answer(r.body(), r.usage(), r.usage() != null && r.usage() != Usage.NONE);
        }

        static Answer of(StreamOutcome o) {
            return new Answer(null, o.usage(), o.usageReported() && o.usage() != null);
        }
    }

    Attempt(
            AttemptLog log,
            Caller caller,
            RoutingAiGateway.Kind kind,
            Candidate candidate,
            RequestNeeds needs,
            ChatStreamSink target) {
        this.log = log;
        this.caller = caller;
        this.kind = kind;
        this.candidate = candidate;
        this.needs = needs;
        this.startNanos = System.nanoTime();
        this.sink = target == null ? null : new TrackingSink(target, startNanos);
    }

    RoutingAiGateway.Kind kind() {
        return kind;
    }

    Candidate candidate() {
        return candidate;
    }

    ChatStreamSink sink() {
        return sink;
    }

    boolean delivered() {
        return sink != null && sink.delivered();
    }

    /** Counts the answer: the provider's usage, or the estimate (flagged) when it reported none. */
    Result succeed(Answer answer, Reservation reservation) {
        long ms = elapsedMs();
        Usage usage = answer.usage();
        boolean estimated = !answer.usageReported();
        if (estimated) {
            usage = new Usage(needs.promptTokens(), log.tokens().count(answerText(answer)), 0);
        }
        long cost = candidate.model().costMicros(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens());
        log.budgets().settle(reservation, cost);
        Long ttft = sink == null ? null : sink.ttftMs();
        log.stats().record(candidate.model().provider(), candidate.model().id(), ttft, ms, usage.outputTokens());
        log.write(
                caller, candidate, kind == RoutingAiGateway.Kind.STREAM, usage, cost, ms, ttft, "ok", null, estimated);
        return new Result(
                answer.body(),
                candidate.model().id(),
                candidate.model().provider(),
                candidate.key().id(),
                usage,
                cost);
    }

    /** A failed attempt: costs nothing; {@code outcome} is error or failed_over. */
    void fail(String outcome, String errorCode) {
        Long ttft = sink == null ? null : sink.ttftMs();
        log.write(
                caller,
                candidate,
                kind == RoutingAiGateway.Kind.STREAM,
                Usage.NONE,
                0,
                elapsedMs(),
                ttft,
                outcome,
                errorCode,
                false);
    }

    private String answerText(Answer answer) {
        if (sink != null) {
            return sink.text();
        }
        StringBuilder text = new StringBuilder();
        if (answer.body() != null) {
            for (JsonNode choice : answer.body().path("choices")) {
                JsonNode message = choice.path("message");
                if (message.path("content").isString()) {
                    text.append(message.path("content").asString());
                }
                for (JsonNode call : message.path("tool_calls")) {
                    text.append(call.path("function").path("arguments").asString(""));
                }
            }
        }
        return text.toString();
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
