package dev.atom.ai.ledger;

import dev.atom.ai.AiGatewayException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reserve-then-settle against every budget that applies to a call (the workspace's and the caller's own),
 * in the current UTC day or month. Thread-safe (stateless).
 */
@Component
public class Budgets {
    private final BudgetRepository repository;
    private final Clock clock;

    public Budgets(BudgetRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Reserves {@code estimateMicros} on every applicable budget; granted with no holds when there is none. */
    public BudgetRepository.Reservation reserve(String workspaceId, String userId, long estimateMicros) {
        List<Budget> budgets = repository.applicable(workspaceId, userId);
        if (budgets.isEmpty()) {
            return new BudgetRepository.Reservation(List.of(), null);
        }
        Instant now = clock.instant();
        List<String> periods = budgets.stream().map(b -> b.period().keyOf(now)).toList();
        return repository.reserve(budgets, periods, estimateMicros);
    }

    /** Releases the reservation and counts {@code actualMicros} (0 for a failed attempt). */
    public void settle(BudgetRepository.Reservation reservation, long actualMicros) {
        repository.settle(reservation.holds(), actualMicros);
    }

    /** The 402 a refused call gets: which budget, its limit, what it spent and holds, what the call needed. */
    public static AiGatewayException exceeded(
            BudgetRepository.Refusal refusal, String callerId, long estimateMicros, String model) {
        Budget b = refusal.budget();
        String when = b.period() == Budget.Period.DAY ? "today" : "this month";
        String message = "Over budget: " + b.describe(callerId) + " is " + usd(b.limitMicros()) + ", "
                + usd(refusal.spend().spentMicros()) + " spent and "
                + usd(refusal.spend().reservedMicros())
                + " reserved by calls in progress " + when + "; " + model + " needs up to " + usd(estimateMicros)
                + " for this request. Raise the budget, lower max_tokens or pick a cheaper model.";
        return new AiGatewayException(402, "budget_exceeded", "budget_exceeded", message);
    }

    /** Micro-dollars as "$1.234567" with trailing zeros trimmed to at least cents. */
    public static String usd(long micros) {
        BigDecimal value = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        if (value.scale() < 2) {
            value = value.setScale(2);
        }
        return "$" + value.toPlainString();
    }
}
