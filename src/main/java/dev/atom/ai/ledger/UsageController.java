package dev.atom.ai.ledger;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.shared.web.FieldErrors;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/ai/usage?from&to&groupBy=day|provider|model|user}: sums of the ledger. {@code from} and
 * {@code to} are UTC dates ({@code 2026-11-01}, both days included) or ISO instants ({@code to} excluded);
 * the default is the last 30 days. A member sees their own usage, admins and owners the whole workspace.
 */
@RestController
class UsageController {
    static final Duration MAX_RANGE = Duration.ofDays(400);
    private final UsageLedger ledger;
    private final Clock clock;

    UsageController(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/api/v1/ai/usage")
    Map<String, Object> usage(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy) {
        FieldErrors errors = new FieldErrors();
        Instant end = to == null || to.isBlank() ? clock.instant() : parse(to, true, "to", errors);
        Instant start = from == null || from.isBlank()
                ? (end == null ? clock.instant() : end).minus(Duration.ofDays(30))
                : parse(from, false, "from", errors);
        UsageLedger.GroupBy group = UsageLedger.GroupBy.DAY;
        if (groupBy != null && !groupBy.isBlank()) {
            try {
                group = UsageLedger.GroupBy.valueOf(groupBy.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("groupBy", "must be day, provider, model or user");
            }
        }
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                errors.add("from", "must be before to");
            } else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
                errors.add("to", "the range may span at most 400 days");
            }
        }
        errors.throwIfAny();
        String only = user.role().atLeast(Role.ADMIN) ? null : user.userId();
        List<UsageLedger.Totals> rows = ledger.totals(user.workspaceId(), only, start, end, group);
        long calls = 0, failed = 0, in = 0, out = 0, cached = 0, cost = 0;
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (UsageLedger.Totals t : rows) {
            items.add(json(t.key(), t));
            calls += t.calls();
            failed += t.failedAttempts();
            in += t.inputTokens();
            out += t.outputTokens();
            cached += t.cachedTokens();
            cost += t.costMicros();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", start.toString());
        body.put("to", end.toString());
        body.put("groupBy", group.name().toLowerCase(Locale.ROOT));
        body.put("scope", only == null ? "workspace" : "user");
        body.put("items", items);
        Map<String, Object> totals = json(null, new UsageLedger.Totals(null, calls, failed, in, out, cached, cost));
        totals.remove("key");
        body.put("totals", totals);
        return body;
    }

    private static Map<String, Object> json(String key, UsageLedger.Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("calls", t.calls());
        m.put("failedAttempts", t.failedAttempts());
        m.put("inputTokens", t.inputTokens());
        m.put("outputTokens", t.outputTokens());
        m.put("cachedTokens", t.cachedTokens());
        m.put("costUsd", BigDecimal.valueOf(t.costMicros(), 6));
        m.put("costMicros", t.costMicros());
        return m;
    }

    /** A UTC date (a whole day: its start, or for {@code to} the next day's start) or an ISO instant. */
    static Instant parse(String text, boolean end, String field, FieldErrors errors) {
        String value = text.strip().replace(' ', '+'); // an unencoded '+' of an offset arrives as a space
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date (2026-11-01) or an ISO-8601 date-time with offset");
            return null;
        }
    }
}
