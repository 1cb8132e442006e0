package dev.atom.ai.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The usage ledger's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class UsageLedgerTest {
    @Parameter
    TestDatabase db;

    private UsageLedger ledger;
    private String ws;

    @BeforeEach
    void setUp() {
        ledger = new UsageLedger(db.jdbc(), false); // unbatched: the contract of the SQL itself
        ws = Ids.newId();
    }

    private void row(
            String ws,
            String user,
            String provider,
            String model,
            String outcome,
            long in,
            long out,
            long cached,
            long cost,
            String at) {
        ledger.append(new UsageRecord(
                Ids.newId(),
                ws,
                user,
                "key-1",
                provider,
                model,
                in,
                out,
                cached,
                cost,
                120,
                null,
                outcome,
                outcome.equals("ok") ? null : "server_error",
                "req-" + at,
                "api_client",
                false,
                false,
                Instant.parse(at)));
    }

    @Test
    void sumsByDayProviderModelAndUserWithinTheWorkspaceAndRange() {
        row(ws, "ann", "openai", "openai/gpt-4o", "ok", 100, 50, 20, 1_000, "2026-11-01T10:00:00Z");
        row(ws, "ann", "openai", "openai/gpt-4o", "failed_over", 0, 0, 0, 0, "2026-11-01T10:00:01Z");
        row(ws, "bob", "anthropic", "anthropic/claude", "ok", 200, 10, 0, 3_000, "2026-11-01T23:59:59Z");
        row(ws, "ann", "anthropic", "anthropic/claude", "ok", 10, 10, 0, 500, "2026-11-02T00:00:00Z");
        row(ws, "ann", "openai", "openai/gpt-4o", "ok", 999, 999, 0, 99_999, "2026-11-03T00:00:00Z"); // outside
        row(Ids.newId(), "eve", "openai", "openai/gpt-4o", "ok", 1, 1, 0, 7, "2026-11-01T12:00:00Z"); // other ws
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        Instant to = Instant.parse("2026-11-03T00:00:00Z");

        var byDay = ledger.totals(ws, null, from, to, UsageLedger.GroupBy.DAY);
        assertThat(byDay)
                .containsExactly(
                        new UsageLedger.Totals("2026-11-01", 2, 1, 300, 60, 20, 4_000),
                        new UsageLedger.Totals("2026-11-02", 1, 0, 10, 10, 0, 500));
        assertThat(ledger.totals(ws, null, from, to, UsageLedger.GroupBy.PROVIDER))
                .extracting(UsageLedger.Totals::key, UsageLedger.Totals::costMicros)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("anthropic", 3_500L),
                        org.assertj.core.groups.Tuple.tuple("openai", 1_000L));
        assertThat(ledger.totals(ws, null, from, to, UsageLedger.GroupBy.MODEL))
                .extracting(UsageLedger.Totals::key)
                .containsExactly("anthropic/claude", "openai/gpt-4o");
        assertThat(ledger.totals(ws, null, from, to, UsageLedger.GroupBy.USER))
                .extracting(UsageLedger.Totals::key, UsageLedger.Totals::calls)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ann", 2L), org.assertj.core.groups.Tuple.tuple("bob", 1L));
        assertThat(ledger.totals(ws, "bob", from, to, UsageLedger.GroupBy.DAY))
                .as("a member's own view")
                .containsExactly(new UsageLedger.Totals("2026-11-01", 1, 0, 200, 10, 0, 3_000));
        assertThat(ledger.costPerDayAndProvider(ws, null, from, to))
                .containsExactly(
                        new UsageLedger.DayCost("2026-11-01", "anthropic", 3_000),
                        new UsageLedger.DayCost("2026-11-01", "openai", 1_000),
                        new UsageLedger.DayCost("2026-11-02", "anthropic", 500));
    }

    @Test
    void keepsEveryFieldOfARow() {
        var r = new UsageRecord(
                Ids.newId(),
                ws,
                "ann",
                "key-9",
                "openai",
                "openai/gpt-4o",
                1_234,
                56,
                1_000,
                789,
                4_321,
                250L,
                "ok",
                null,
                "req-42",
                "chat",
                true,
                true,
                Instant.parse("2026-11-24T10:00:00.123456Z"));
        ledger.append(r);
        assertThat(ledger.byRequest(ws, "req-42")).containsExactly(r);
        assertThat(ledger.byRequest(Ids.newId(), "req-42")).isEmpty();
    }
}
