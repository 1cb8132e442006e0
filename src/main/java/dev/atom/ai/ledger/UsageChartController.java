package dev.atom.ai.ledger;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The usage fragment of the AI page ({@code <section id="usage" hx-get="/ai/usage" hx-trigger="load">}):
 * cost per day per provider over the last 30 UTC days as an inline SVG stacked bar chart, a legend, a table
 * with the same numbers for screen readers and keyboards, and totals. Members see their own usage, admins the
 * workspace's.
 */
@Controller
class UsageChartController {
    static final int DAYS = 30;
    private final UsageLedger ledger;
    private final Clock clock;

    UsageChartController(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping("/ai/usage")
    String usage(@AuthenticationPrincipal CurrentUser user, Model model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        String only = user.role().atLeast(Role.ADMIN) ? null : user.userId();
        var rows = ledger.costPerDayAndProvider(
                user.workspaceId(),
                only,
                first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        model.addAttribute("chart", UsageChart.of(first, DAYS, rows));
        model.addAttribute("scope", only == null ? "workspace" : "you");
        return "ai/usage :: usage";
    }
}
