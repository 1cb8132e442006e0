package dev.atom.ai.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.shared.Ids;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The usage API: grouping, ranges, validation, and that a member sees only their own usage. */
class UsageApiTest extends GatewayTestBase {
    @Autowired
    UsageLedger ledger;

    @Autowired
    Clock clock;

    private TestUsers.User owner;
    private TestUsers.User mia;
    private Instant now;

    private void row(
            TestUsers.User user, String provider, String model, long in, long out, long cached, long cost, Instant at) {
        ledger.append(new UsageRecord(
                Ids.newId(),
                user.workspaceId(),
                user.id(),
                "key",
                provider,
                model,
                in,
                out,
                cached,
                cost,
                100,
                null,
                "ok",
                null,
                "req",
                "api_client",
                false,
                false,
                at));
    }

    @BeforeEach
    void usage() {
        owner = users().signUp("olga");
        mia = users().invite("mia", owner, "member");
        now = clock.instant();
        row(owner, "openai", "openai/gpt-5.6-luna", 1_000, 100, 200, 1_500_000, now.minus(Duration.ofDays(1)));
        row(mia, "anthropic", "anthropic/claude-haiku-5-5", 500, 50, 0, 250_000, now.minus(Duration.ofDays(1)));
        row(mia, "openai", "openai/gpt-5.6-luna", 10, 10, 0, 20, now.minus(Duration.ofMinutes(1)));
        row(owner, "openai", "openai/gpt-5.6-luna", 9, 9, 9, 9, now.minus(Duration.ofDays(45))); // outside default
    }

    private List<String> keys(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("items").forEach(i -> out.add(i.get("key").asString()));
        return out;
    }

    @Test
    void adminsSeeTheWorkspaceGroupedAsAsked() {
        var byProvider =
                users().as(owner).get("/api/v1/ai/usage?groupBy=provider").json();
        assertThat(keys(byProvider)).containsExactly("anthropic", "openai");
        JsonNode openai = byProvider.get("items").get(1);
        assertThat(openai.get("calls").asLong()).isEqualTo(2);
        assertThat(openai.get("inputTokens").asLong()).isEqualTo(1_010);
        assertThat(openai.get("cachedTokens").asLong()).isEqualTo(200);
        assertThat(openai.get("costMicros").asLong()).isEqualTo(1_500_020);
        assertThat(openai.get("costUsd").decimalValue()).isEqualByComparingTo("1.50002");
        assertThat(byProvider.get("totals").get("costMicros").asLong()).isEqualTo(1_750_020);
        assertThat(byProvider.get("totals").get("calls").asLong()).isEqualTo(3);
        assertThat(byProvider.get("scope").asString()).isEqualTo("workspace");

        var byUser = users().as(owner).get("/api/v1/ai/usage?groupBy=user").json();
        assertThat(keys(byUser)).containsExactlyInAnyOrder(owner.id(), mia.id());
        var byModel = users().as(owner).get("/api/v1/ai/usage?groupBy=model").json();
        assertThat(keys(byModel)).containsExactly("anthropic/claude-haiku-5-5", "openai/gpt-5.6-luna");
        String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        var byDay = users().as(owner)
                .get("/api/v1/ai/usage?groupBy=day&from=" + today + "&to=" + today)
                .json();
        assertThat(keys(byDay)).containsExactly(today);
        var longAgo = users().as(owner)
                .get("/api/v1/ai/usage?from=" + LocalDate.ofInstant(now.minus(Duration.ofDays(60)), ZoneOffset.UTC))
                .json();
        assertThat(longAgo.get("totals").get("calls").asLong()).isEqualTo(4);
    }

    @Test
    void aMemberSeesOnlyTheirOwnUsage() {
        var mine = users().as(mia).get("/api/v1/ai/usage?groupBy=user").json();
        assertThat(keys(mine)).containsExactly(mia.id());
        assertThat(mine.get("scope").asString()).isEqualTo("user");
        assertThat(mine.get("totals").get("costMicros").asLong()).isEqualTo(250_020);
        TestUsers.User stranger = users().signUp("eve");
        assertThat(users().as(stranger).get("/api/v1/ai/usage").json().get("items"))
                .isEmpty();
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        var bad = users().as(owner).get("/api/v1/ai/usage?groupBy=week&from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("groupBy", "from");
        var backwards = users().as(owner).get("/api/v1/ai/usage?from=2026-11-10&to=2026-11-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("must be before to");
        var huge = users().as(owner).get("/api/v1/ai/usage?from=2020-01-01&to=2026-01-01");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(http().get("/api/v1/ai/usage").status()).isEqualTo(401);
    }
}
