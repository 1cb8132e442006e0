package dev.atom.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The approval rule repository's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class ApprovalRuleRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-06T01:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private ApprovalRuleRepository repo;
    private String ws;

    @BeforeEach
    void setUp() {
        repo = new ApprovalRuleRepository(db.jdbc());
        ws = Ids.newId();
    }

    private ApprovalRule rule(String user, String tool, String connection, ApprovalRule.Mode mode, Instant at) {
        return new ApprovalRule(Ids.newId(), ws, user, tool, connection, mode, at, at);
    }

    @Test
    void oneRulePerPersonToolAndConnectionSavingAgainChangesTheMode() {
        ApprovalRule first = repo.save(rule("ann", "slack_post_message", "", ApprovalRule.Mode.ALWAYS_ALLOW, T0));
        ApprovalRule work = repo.save(rule("ann", "slack_post_message", "c-work", ApprovalRule.Mode.ALWAYS_ASK, T0));
        repo.save(rule("ann", "gmail_send", "", ApprovalRule.Mode.ALWAYS_ASK, T0));
        repo.save(rule("ben", "slack_post_message", "", ApprovalRule.Mode.ALWAYS_ALLOW, T0));

        ApprovalRule again =
                repo.save(rule("ann", "slack_post_message", "", ApprovalRule.Mode.ALWAYS_ASK, T0.plusSeconds(60)));
        assertThat(again.id()).as("the same rule, changed").isEqualTo(first.id());
        assertThat(again.mode()).isEqualTo(ApprovalRule.Mode.ALWAYS_ASK);
        assertThat(again.createdAt()).isEqualTo(T0);
        assertThat(again.updatedAt()).isEqualTo(T0.plusSeconds(60));

        assertThat(repo.list(ws, "ann"))
                .extracting(
                        r -> r.tool() + "/" + r.connection() + "/" + r.mode().wire())
                .containsExactly(
                        "gmail_send//always_ask",
                        "slack_post_message//always_ask",
                        "slack_post_message/c-work/always_ask");
        assertThat(repo.forTool(ws, "ann", "slack_post_message"))
                .extracting(ApprovalRule::connection)
                .containsExactly("", "c-work");
        assertThat(repo.list(Ids.newId(), "ann")).as("another workspace").isEmpty();
        assertThat(repo.find(ws, "ann", work.id())).contains(work);
        assertThat(repo.find(ws, "ben", work.id())).as("another person's").isEmpty();
    }

    @Test
    void onlyItsOwnerRevokesARule() {
        ApprovalRule r = repo.save(rule("ann", "gmail_send", "", ApprovalRule.Mode.ALWAYS_ALLOW, T0));
        assertThat(repo.delete(ws, "ben", r.id())).isFalse();
        assertThat(repo.delete(Ids.newId(), "ann", r.id())).isFalse();
        assertThat(repo.list(ws, "ann")).hasSize(1);
        assertThat(repo.delete(ws, "ann", r.id())).isTrue();
        assertThat(repo.delete(ws, "ann", r.id())).isFalse();
        assertThat(repo.list(ws, "ann")).isEmpty();
    }
}
