package dev.atom.ai.gateway;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.keys.AiKeys;
import dev.atom.ai.ledger.BudgetRepository.Reservation;
import dev.atom.ai.ledger.Budgets;
import dev.atom.ai.ledger.UsageRecord;
import dev.atom.ai.providers.ProviderAdapter;
import dev.atom.ai.providers.ProviderCredentials;
import dev.atom.ai.providers.ProviderException;
import dev.atom.ai.routing.Candidate;
import dev.atom.ai.routing.CandidatePlanner;
import dev.atom.ai.routing.CircuitBreakers;
import dev.atom.ai.routing.RequestNeeds;
import dev.atom.ai.routing.TokenEstimator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway: plans the candidates of a request, then tries them in order. For each it checks the circuit
 * breaker, reserves the estimated cost on the caller's budgets, calls the provider's adapter with the
 * model's upstream name and the key's credentials, settles the budgets with the real cost and writes a
 * ledger row. Retriable failures move to the next candidate (a Retry-After blocks that key+provider until
 * then; on the last candidate a short one is waited out once); permanent failures end the call as they are;
 * a context-length error moves only to candidates with a larger window; a stream that already sent a chunk
 * is never switched. A refused budget ends with 402, or moves to cheaper candidates when the budget allows
 * it. Thread-safe: all state lives in the breakers, latency stats and the database.
 */
public class RoutingAiGateway implements AiGateway {
    private final CandidatePlanner planner;
    private final Function<String, Optional<ProviderAdapter>> adapters;
    private final AiKeys keys;
    private final Budgets budgets;
    private final CircuitBreakers breakers;
    private final TokenEstimator tokens;
    private final AttemptLog log;
    private final Clock clock;
    private final Duration maxRetryAfterWait;

    public RoutingAiGateway(
            CandidatePlanner planner,
            Function<String, Optional<ProviderAdapter>> adapters,
            AiKeys keys,
            Budgets budgets,
            CircuitBreakers breakers,
            TokenEstimator tokens,
            AttemptLog log,
            Clock clock,
            Duration maxRetryAfterWait) {
        this.planner = planner;
        this.adapters = adapters;
        this.keys = keys;
        this.budgets = budgets;
        this.breakers = breakers;
        this.tokens = tokens;
        this.log = log;
        this.clock = clock;
        this.maxRetryAfterWait = maxRetryAfterWait;
    }

    enum Kind {
        CHAT,
        STREAM,
        EMBEDDINGS
    }

    @Override
    public Result chat(Caller caller, ObjectNode request) {
        return run(caller, request, Kind.CHAT, null);
    }

    @Override
    public Result stream(Caller caller, ObjectNode request, ChatStreamSink sink) {
        return run(caller, request, Kind.STREAM, Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public Result embeddings(Caller caller, ObjectNode request) {
        return run(caller, request, Kind.EMBEDDINGS, null);
    }

    private Result run(Caller caller, ObjectNode request, Kind kind, ChatStreamSink sink) {
        if (request == null) {
            throw new AiGatewayException(400, "invalid_request_error", "invalid_body", "The request has no body.");
        }
        RequestNeeds needs =
                kind == Kind.EMBEDDINGS ? RequestNeeds.embeddings(request, tokens) : RequestNeeds.chat(request, tokens);
        List<Candidate> queue = new ArrayList<>(planner.plan(caller.workspaceId(), caller.userId(), request, needs));
        ProviderException lastError = null;
        Candidate lastFailed = null;
        Refused refused = null;
        AiGatewayException blocked = null;
        boolean waitedOnce = false;
        boolean retrySame = false;
        List<Candidate> skipped = new ArrayList<>();
        for (int i = 0; i < queue.size(); i++) {
            Candidate c = queue.get(i);
            boolean retry = retrySame;
            retrySame = false;
            Optional<ProviderAdapter> adapter = adapters.apply(c.model().provider());
            if (adapter.isEmpty() || (!retry && !breakers.tryAcquire(c.breakerKey()))) {
                skipped.add(c);
                continue;
            }
            Reservation reservation = budgets.reserve(caller.workspaceId(), caller.userId(), c.reserveMicros());
            if (!reservation.granted()) {
                breakers.release(c.breakerKey());
                if (refused == null) {
                    refused = new Refused(reservation, c);
                }
                if (!reservation.refusal().budget().fallbackToCheaper()) {
                    throw refused.exception(caller);
                }
                queue = cheaperFallbacks(caller, needs, queue, i, c);
                continue;
            }
            Optional<ProviderCredentials> credentials;
            try {
                credentials = keys.credentials(c.key());
            } catch (AiGatewayException e) { // the key's base URL is refused by the SSRF guard now
                budgets.settle(reservation, 0);
                breakers.release(c.breakerKey());
                blocked = e;
                continue;
            }
            if (credentials.isEmpty()) { // the key was deleted since planning
                budgets.settle(reservation, 0);
                breakers.release(c.breakerKey());
                skipped.add(c);
                continue;
            }
            Attempt attempt = log.start(caller, kind, c, needs, sink);
            try {
                Result result = attempt.succeed(call(adapter.get(), credentials.get(), request, attempt), reservation);
                breakers.success(c.breakerKey());
                return result;
            } catch (ProviderException e) {
                budgets.settle(reservation, 0);
                if (attempt.delivered()
                        || e instanceof ProviderException.Permanent p
                                && !(p instanceof ProviderException.ContextTooLong)) {
                    if (e instanceof ProviderException.Retriable r) {
                        breakers.failure(c.breakerKey(), r.retryAfter());
                    } else {
                        breakers.release(c.breakerKey());
                    }
                    attempt.fail(UsageRecord.ERROR, e.code());
                    throw GatewayErrors.of(e, c);
                }
                if (e instanceof ProviderException.ContextTooLong) {
                    breakers.release(c.breakerKey());
                    List<Candidate> larger = queue.subList(i + 1, queue.size()).stream()
                            .filter(x -> x.model().contextWindow() > c.model().contextWindow())
                            .toList();
                    if (larger.isEmpty()) {
                        attempt.fail(UsageRecord.ERROR, e.code());
                        throw GatewayErrors.of(e, c);
                    }
                    attempt.fail(UsageRecord.FAILED_OVER, e.code());
                    queue = concat(queue.subList(0, i + 1), larger);
                    continue;
                }
                ProviderException.Retriable r = (ProviderException.Retriable) e;
                breakers.failure(c.breakerKey(), r.retryAfter());
                lastError = e;
                lastFailed = c;
                boolean more = anyAvailableAfter(queue, i);
                if (!more && !waitedOnce && shortWait(r.retryAfter())) {
                    attempt.fail(UsageRecord.FAILED_OVER, e.code());
                    waitedOnce = true;
                    sleep(r.retryAfter());
                    retrySame = true;
                    i--;
                    continue;
                }
                attempt.fail(more ? UsageRecord.FAILED_OVER : UsageRecord.ERROR, e.code());
            } catch (RuntimeException e) {
                // an adapter bug or the client's sink failing: never retried elsewhere
                budgets.settle(reservation, 0);
                breakers.release(c.breakerKey());
                attempt.fail(UsageRecord.ERROR, attempt.delivered() ? "stream_interrupted" : "adapter_error");
                if (e instanceof AiGatewayException || attempt.delivered()) {
                    throw e;
                }
                throw new AiGatewayException(
                        502, "api_error", "adapter_error", c.model().id() + " failed in Atom's provider adapter.");
            }
        }
        if (lastError != null) {
            throw GatewayErrors.of(lastError, lastFailed);
        }
        if (refused != null) {
            throw refused.exception(caller);
        }
        if (blocked != null) {
            throw blocked;
        }
        throw unavailable(skipped);
    }

    private Attempt.Answer call(ProviderAdapter adapter, ProviderCredentials credentials, ObjectNode request, Attempt a)
            throws ProviderException {
        ObjectNode body = request.deepCopy();
        body.remove("models");
        body.put("model", a.candidate().model().upstreamName());
        return switch (a.kind()) {
            case CHAT -> Attempt.Answer.of(adapter.chat(credentials, body));
            case EMBEDDINGS -> Attempt.Answer.of(adapter.embeddings(credentials, body));
            case STREAM -> Attempt.Answer.of(adapter.stream(credentials, body, a.sink()));
        };
    }

    /** After a refusal: the remaining and other fitting candidates whose reservation is lower, cheapest first. */
    private List<Candidate> cheaperFallbacks(
            Caller caller, RequestNeeds needs, List<Candidate> queue, int i, Candidate refused) {
        Map<String, Candidate> pool = new LinkedHashMap<>();
        queue.subList(i + 1, queue.size())
                .forEach(c -> pool.putIfAbsent(c.model().id() + "|" + c.key().id(), c));
        planner.cheapest(caller.workspaceId(), caller.userId(), needs)
                .forEach(c -> pool.putIfAbsent(c.model().id() + "|" + c.key().id(), c));
        List<Candidate> cheaper = pool.values().stream()
                .filter(c -> c.reserveMicros() < refused.reserveMicros())
                .sorted(Comparator.comparingLong(Candidate::reserveMicros))
                .toList();
        return concat(queue.subList(0, i + 1), cheaper);
    }

    private boolean anyAvailableAfter(List<Candidate> queue, int i) {
        return queue.subList(i + 1, queue.size()).stream()
                .anyMatch(c -> adapters.apply(c.model().provider()).isPresent() && breakers.available(c.breakerKey()));
    }

    private boolean shortWait(Duration retryAfter) {
        return retryAfter != null && !retryAfter.isNegative() && retryAfter.compareTo(maxRetryAfterWait) <= 0;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AiGatewayException(503, "api_error", "interrupted", "The call was interrupted.");
        }
    }

    private static List<Candidate> concat(List<Candidate> head, List<Candidate> tail) {
        List<Candidate> out = new ArrayList<>(head);
        out.addAll(tail);
        return out;
    }

    private AiGatewayException unavailable(List<Candidate> skipped) {
        Instant now = clock.instant();
        Instant next = skipped.stream()
                .map(c -> breakers.availableAt(c.breakerKey()))
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder())
                .orElse(null);
        String models = skipped.stream()
                .map(c -> c.model().id())
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        return new AiGatewayException(
                503,
                "api_error",
                "providers_unavailable",
                "No candidate can be called now (" + models + "): "
                        + (next == null
                                ? "Atom has no adapter for their provider or their key was removed."
                                : "they are cooling down after failures or rate limits until " + next + "."));
    }

    /** The first budget refusal of a call, kept for the 402 when no cheaper candidate helps. */
    private record Refused(Reservation reservation, Candidate candidate) {
        AiGatewayException exception(Caller caller) {
            return Budgets.exceeded(
                    reservation.refusal(),
                    caller.userId(),
                    candidate.reserveMicros(),
                    candidate.model().id());
        }
    }
}
