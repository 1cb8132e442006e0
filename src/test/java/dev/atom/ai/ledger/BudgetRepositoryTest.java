package dev.atom.ai.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The budget repository's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class BudgetRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String DAY = "2026-11-24";

    @Parameter
    TestDatabase db;

    private BudgetRepository repo;
    private String ws;

    @BeforeEach
    void setUp() {
        repo = new BudgetRepository(db.jdbc(), db.transactions());
        ws = Ids.newId();
    }

    private Budget budget(Budget.Scope scope, String userId, Budget.Period period, long limit, boolean fallback) {
        return repo.save(new Budget(Ids.newId(), ws, scope, userId, period, limit, fallback, "admin", T0, T0));
    }

    @Test
    void savesReplacesListsAndDeletesWithinTheWorkspace() {
        Budget ws1 = budget(Budget.Scope.WORKSPACE, null, Budget.Period.MONTH, 5_000_000, false);
        Budget replaced = budget(Budget.Scope.WORKSPACE, null, Budget.Period.MONTH, 7_000_000, true);
        assertThat(replaced.id()).as("same scope and period replaces").isEqualTo(ws1.id());
        Budget ann = budget(Budget.Scope.USER, "ann", Budget.Period.DAY, 1_000_000, false);
        budget(Budget.Scope.USER, "bob", Budget.Period.DAY, 2_000_000, false);

        assertThat(repo.list(ws)).hasSize(3);
        assertThat(repo.find(ws, ws1.id()).orElseThrow().limitMicros()).isEqualTo(7_000_000);
        assertThat(repo.find(ws, ws1.id()).orElseThrow().fallbackToCheaper()).isTrue();
        assertThat(repo.applicable(ws, "ann")).extracting(Budget::id).containsExactlyInAnyOrder(ws1.id(), ann.id());
        assertThat(repo.find(Ids.newId(), ann.id())).as("another workspace").isEmpty();
        assertThat(repo.delete(Ids.newId(), ann.id())).isFalse();
        assertThat(repo.delete(ws, ann.id())).isTrue();
        assertThat(repo.applicable(ws, "ann")).extracting(Budget::id).containsExactly(ws1.id());
    }

    @Test
    void reservesOnEveryBudgetOrNoneAndSettlesTheRealCost() {
        Budget workspace = budget(Budget.Scope.WORKSPACE, null, Budget.Period.DAY, 1_000, false);
        Budget user = budget(Budget.Scope.USER, "ann", Budget.Period.DAY, 500, false);
        List<Budget> both = repo.applicable(ws, "ann");
        List<String> days = List.of(DAY, DAY);

        var first = repo.reserve(both, days, 300);
        assertThat(first.granted()).isTrue();
        assertThat(repo.spend(user, DAY)).isEqualTo(new BudgetRepository.Spend(0, 300));

        var refused = repo.reserve(both, days, 300);
        assertThat(refused.granted()).as("the user budget has only 200 left").isFalse();
        assertThat(refused.refusal().budget().id()).isEqualTo(user.id());
        assertThat(refused.refusal().spend()).isEqualTo(new BudgetRepository.Spend(0, 300));
        assertThat(repo.spend(workspace, DAY))
                .as("nothing held on the workspace budget either")
                .isEqualTo(new BudgetRepository.Spend(0, 300));

        repo.settle(first.holds(), 120);
        assertThat(repo.spend(user, DAY)).isEqualTo(new BudgetRepository.Spend(120, 0));
        assertThat(repo.spend(workspace, DAY)).isEqualTo(new BudgetRepository.Spend(120, 0));
        assertThat(repo.reserve(both, days, 380).granted())
                .as("exactly up to the limit")
                .isTrue();
        assertThat(repo.spend(user, "2026-11-25"))
                .as("another day starts empty")
                .isEqualTo(new BudgetRepository.Spend(0, 0));
    }

    @Test
    void fiftyConcurrentReservationsNeverOverspend() throws Exception {
        Budget budget = budget(Budget.Scope.WORKSPACE, null, Budget.Period.MONTH, 10_000, false);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Callable<Boolean> call = () -> {
                start.await();
                var r = repo.reserve(List.of(budget), List.of("2026-11"), 1_000);
                if (r.granted()) {
                    repo.settle(r.holds(), 900); // real cost below the estimate, as usual
                }
                return r.granted();
            };
            calls.add(pool.submit(call));
        }
        start.countDown();
        int granted = 0;
        for (Future<Boolean> f : calls) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        var spend = repo.spend(budget, "2026-11");
        assertThat(spend.reservedMicros()).isZero();
        assertThat(spend.spentMicros()).as("never overspent").isLessThanOrEqualTo(10_000);
        assertThat(granted).as("only some calls fit").isBetween(10, 11);
        assertThat(spend.spentMicros()).isEqualTo(granted * 900L);
    }
}
