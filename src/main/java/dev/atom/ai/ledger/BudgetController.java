package dev.atom.ai.ledger;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import dev.atom.identity.Role;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * AI budgets. Members see the workspace's budgets and their own, and may set or remove their own; admins
 * manage the workspace's budgets and every member's. Another workspace's budget ids answer 404.
 */
@RestController
class BudgetController {
    private static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000_000L);
    private final BudgetRepository repository;
    private final Members members;
    private final Clock clock;

    BudgetController(BudgetRepository repository, Members members, Clock clock) {
        this.repository = repository;
        this.members = members;
        this.clock = clock;
    }

    @GetMapping("/api/v1/ai/budgets")
    Map<String, Object> list(@AuthenticationPrincipal CurrentUser user) {
        boolean admin = user.role().atLeast(Role.ADMIN);
        Instant now = clock.instant();
        List<Map<String, Object>> items = repository.list(user.workspaceId()).stream()
                .filter(b -> admin
                        || b.scope() == Budget.Scope.WORKSPACE
                        || user.userId().equals(b.userId()))
                .map(b -> json(b, now))
                .toList();
        return Map.of("items", items);
    }

    @PutMapping("/api/v1/ai/budgets")
    Map<String, Object> put(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        FieldErrors errors = new FieldErrors();
        Budget.Scope scope = Budget.Scope.fromWire(text(body, "scope")).orElse(null);
        if (scope == null) {
            errors.add("scope", "must be user or workspace");
        }
        Budget.Period period = Budget.Period.fromWire(text(body, "period")).orElse(null);
        if (period == null) {
            errors.add("period", "must be day or month");
        }
        Long limit = limitMicros(body.get("limitUsd"), errors);
        JsonNode fallback = body.get("fallbackToCheaper");
        if (fallback != null && !fallback.isNull() && !fallback.isBoolean()) {
            errors.add("fallbackToCheaper", "must be true or false");
        }
        String userId = text(body, "userId");
        if (scope == Budget.Scope.WORKSPACE && userId != null) {
            errors.add("userId", "must be absent for a workspace budget");
        }
        if (scope == Budget.Scope.USER && userId == null) {
            userId = user.userId();
        }
        if (scope == Budget.Scope.USER
                && members.find(user.workspaceId(), userId).isEmpty()) {
            errors.add("userId", "is not a member of this workspace");
        }
        errors.throwIfAny();
        if (scope == Budget.Scope.WORKSPACE || !userId.equals(user.userId())) {
            user.require(Role.ADMIN);
        }
        Instant now = clock.instant();
        Budget saved = repository.save(new Budget(
                Ids.newId(),
                user.workspaceId(),
                scope,
                scope == Budget.Scope.USER ? userId : null,
                period,
                limit,
                fallback != null && fallback.asBoolean(),
                user.userId(),
                now,
                now));
        return json(saved, now);
    }

    @DeleteMapping("/api/v1/ai/budgets/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Budget budget = repository.find(user.workspaceId(), id).orElseThrow(() -> ApiException.notFound("Budget"));
        if (budget.scope() == Budget.Scope.WORKSPACE || !user.userId().equals(budget.userId())) {
            user.require(Role.ADMIN);
        }
        repository.delete(user.workspaceId(), id);
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> json(Budget b, Instant now) {
        String periodKey = b.period().keyOf(now);
        BudgetRepository.Spend spend = repository.spend(b, periodKey);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("scope", b.scope().wire());
        if (b.userId() != null) {
            m.put("userId", b.userId());
        }
        m.put("period", b.period().wire());
        m.put("periodStart", periodKey);
        m.put("limitUsd", BigDecimal.valueOf(b.limitMicros(), 6).stripTrailingZeros());
        m.put("limitMicros", b.limitMicros());
        m.put("spentUsd", BigDecimal.valueOf(spend.spentMicros(), 6).stripTrailingZeros());
        m.put("spentMicros", spend.spentMicros());
        m.put("reservedMicros", spend.reservedMicros());
        m.put("fallbackToCheaper", b.fallbackToCheaper());
        m.put("updatedAt", b.updatedAt().toString());
        return m;
    }

    private static Long limitMicros(JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull() || !node.isNumber()) {
            errors.add("limitUsd", "is required: a number of US dollars, e.g. 25 or 2.5");
            return null;
        }
        BigDecimal usd = node.decimalValue();
        if (usd.signum() < 0 || usd.compareTo(MAX_USD) > 0) {
            errors.add("limitUsd", "must be between 0 and 1000000000");
            return null;
        }
        if (usd.stripTrailingZeros().scale() > 6) {
            errors.add("limitUsd", "must have at most 6 decimal places (micro-dollars)");
            return null;
        }
        return usd.movePointRight(6).longValueExact();
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() || !node.isString() ? null : node.asString();
    }
}
