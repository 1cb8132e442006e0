package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTokenApiTest extends AppTestBase {

    @Test
    void aPersonalTokenIsShownOnceListedWithoutItsSecretUsableAndRevocable() {
        var api = new TestUsers(this::http);
        var user = api.signUp("mia");

        var created = api.as(user).post("/api/v1/tokens", Map.of("name", "backup script"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        String token = created.json().get("token").asString();
        assertThat(token).startsWith("atom_pat_").hasSizeGreaterThan(40);
        assertThat(created.json().get("name").asString()).isEqualTo("backup script");
        assertThat(created.json().get("createdAt").asString()).isNotBlank();

        var me = http().bearer(token).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("workspace").get("id").asString()).isEqualTo(user.workspaceId());

        var list = api.as(user).get("/api/v1/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(1);
        var listed = list.json().get(0);
        assertThat(listed.get("id").asString()).isEqualTo(id);
        assertThat(listed.get("prefix").asString()).isEqualTo(token.substring(0, 13));
        assertThat(listed.get("lastUsedAt").asString()).isNotBlank();
        assertThat(listed.has("token")).isFalse();
        assertThat(list.body()).doesNotContain(token.substring(13));

        var stranger = api.signUp("nat");
        assertThat(api.as(stranger).delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
        assertThat(api.as(stranger).get("/api/v1/tokens").json().size()).isZero();

        assertThat(http().bearer(token).delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertThat(http().bearer(token).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.as(user).delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTokenNeedsAName() {
        var api = new TestUsers(this::http);
        var user = api.signUp("oli");
        var response = api.as(user).post("/api/v1/tokens", Map.of("name", " "));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(http().bearer("atom_pat_made-up").get("/api/v1/me").status()).isEqualTo(401);
    }
}
