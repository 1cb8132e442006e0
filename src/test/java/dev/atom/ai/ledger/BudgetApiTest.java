package dev.atom.ai.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.ai.gateway.GatewayTestBase;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The budgets API: validation, who may set and see which budget, replace semantics, delete. */
class BudgetApiTest extends GatewayTestBase {

    private static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.get("errors").forEach(e -> out.add(e.get("field").asString()));
        return out;
    }

    @Test
    void badInputNamesEveryBadField() {
        TestUsers.User owner = users().signUp("olga");
        var bad =
                users().as(owner).put("/api/v1/ai/budgets", Map.of("scope", "team", "period", "week", "limitUsd", -1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(fields(bad.json())).containsExactlyInAnyOrder("scope", "period", "limitUsd");
        var precise = users().as(owner)
                .put("/api/v1/ai/budgets", "{\"scope\":\"user\",\"period\":\"day\",\"limitUsd\":0.0000001}");
        assertThat(fields(precise.json())).containsExactly("limitUsd");
        var stranger = users().as(owner)
                .put("/api/v1/ai/budgets", Map.of("scope", "user", "userId", "nobody", "period", "day", "limitUsd", 1));
        assertThat(fields(stranger.json())).containsExactly("userId");
        var workspaceWithUser = users().as(owner)
                .put(
                        "/api/v1/ai/budgets",
                        Map.of("scope", "workspace", "userId", owner.id(), "period", "day", "limitUsd", 1));
        assertThat(fields(workspaceWithUser.json())).containsExactly("userId");
        var notJson = users().as(owner).put("/api/v1/ai/budgets", "[1]");
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void membersManageTheirOwnBudgetAndAdminsEveryone() {
        TestUsers.User owner = users().signUp("olga");
        TestUsers.User mia = users().invite("mia", owner, "member");
        TestUsers.User max = users().invite("max", owner, "member");

        var forbidden = users().as(mia)
                .put("/api/v1/ai/budgets", Map.of("scope", "workspace", "period", "month", "limitUsd", 100));
        assertThat(forbidden.status()).isEqualTo(403);
        var othersBudget = users().as(mia)
                .put("/api/v1/ai/budgets", Map.of("scope", "user", "userId", max.id(), "period", "day", "limitUsd", 1));
        assertThat(othersBudget.status()).isEqualTo(403);

        var own = users().as(mia).put("/api/v1/ai/budgets", Map.of("scope", "user", "period", "day", "limitUsd", 2.5));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("userId").asString()).isEqualTo(mia.id());
        assertThat(own.json().get("limitMicros").asLong()).isEqualTo(2_500_000);
        assertThat(own.json().get("spentMicros").asLong()).isZero();
        var replaced =
                users().as(mia).put("/api/v1/ai/budgets", Map.of("scope", "user", "period", "day", "limitUsd", 3));
        assertThat(replaced.json().get("id").asString())
                .isEqualTo(own.json().get("id").asString());
        assertThat(replaced.json().get("limitMicros").asLong()).isEqualTo(3_000_000);

        var workspace = users().as(owner)
                .put("/api/v1/ai/budgets", Map.of("scope", "workspace", "period", "month", "limitUsd", 100));
        assertThat(workspace.status()).isEqualTo(200);
        var maxs = users().as(owner)
                .put("/api/v1/ai/budgets", Map.of("scope", "user", "userId", max.id(), "period", "day", "limitUsd", 1));
        assertThat(maxs.status()).isEqualTo(200);

        assertThat(users().as(owner).get("/api/v1/ai/budgets").json().get("items"))
                .hasSize(3);
        String miasView = users().as(mia).get("/api/v1/ai/budgets").body();
        assertThat(miasView)
                .contains(
                        own.json().get("id").asString(),
                        workspace.json().get("id").asString())
                .doesNotContain(maxs.json().get("id").asString());

        assertThat(users().as(mia)
                        .delete("/api/v1/ai/budgets/"
                                + workspace.json().get("id").asString())
                        .status())
                .isEqualTo(403);
        assertThat(users().as(mia)
                        .delete("/api/v1/ai/budgets/" + maxs.json().get("id").asString())
                        .status())
                .isEqualTo(403);
        assertThat(users().as(mia)
                        .delete("/api/v1/ai/budgets/" + own.json().get("id").asString())
                        .status())
                .isEqualTo(204);
        assertThat(users().as(owner)
                        .delete("/api/v1/ai/budgets/" + maxs.json().get("id").asString())
                        .status())
                .isEqualTo(204);
        assertThat(users().as(owner).delete("/api/v1/ai/budgets/nope").status()).isEqualTo(404);
        assertThat(users().as(owner).get("/api/v1/ai/budgets").json().get("items"))
                .hasSize(1);
    }
}
