package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bearer callers are cached for a few seconds, but this instance forgets them at once when access changes:
 * every token below is used first (so its caller is cached) and then checked right after the change.
 */
class CallerCacheTest extends AppTestBase {

    private TestUsers api() {
        return new TestUsers(this::http);
    }

    private String personalToken(TestUsers.User user, String name) {
        return api().as(user)
                .post("/api/v1/tokens", Map.of("name", name))
                .json()
                .get("token")
                .asString();
    }

    private String role(String bearer) {
        var me = http().bearer(bearer).get("/api/v1/me");
        return me.status() == 200 ? me.json().get("role").asString() : "HTTP " + me.status();
    }

    @Test
    void aRevokedPersonalTokenIsRefusedAtOnceWhileTheUsersOtherTokenStillWorks() {
        var user = api().signUp("pia");
        String kept = personalToken(user, "kept");
        var created = api().as(user).post("/api/v1/tokens", Map.of("name", "revoked"));
        String revoked = created.json().get("token").asString();
        assertThat(role(revoked)).isEqualTo("owner");
        assertThat(role(revoked)).isEqualTo("owner"); // served from the cache now
        assertThat(role(kept)).isEqualTo("owner");

        assertThat(api().as(user)
                        .delete("/api/v1/tokens/" + created.json().get("id").asString())
                        .status())
                .isEqualTo(204);

        assertThat(role(revoked)).isEqualTo("HTTP 401");
        assertThat(role(kept)).isEqualTo("owner");
    }

    @Test
    void aRoleChangeAppliesAtOnceToCachedPersonalAndAccessTokens() {
        var owner = api().signUp("quin");
        var member = api().invite("rae", owner, "member");
        String pat = personalToken(member, "script");
        assertThat(role(pat)).isEqualTo("member");
        assertThat(role(member.accessToken())).isEqualTo("member");

        var promoted = api().as(owner)
                .patch(
                        "/api/v1/workspaces/" + owner.workspaceId() + "/members/" + member.id(),
                        Map.of("role", "admin"));
        assertThat(promoted.status()).isEqualTo(200);

        assertThat(role(pat)).isEqualTo("admin");
        assertThat(role(member.accessToken())).isEqualTo("admin");
    }

    @Test
    void aRemovedMembersCachedTokensStopWorkingAtOnce() {
        var owner = api().signUp("sol");
        var member = api().invite("tam", owner, "member");
        String pat = personalToken(member, "script");
        assertThat(role(pat)).isEqualTo("member");
        assertThat(role(member.accessToken())).isEqualTo("member");

        assertThat(api().as(owner)
                        .delete("/api/v1/workspaces/" + owner.workspaceId() + "/members/" + member.id())
                        .status())
                .isEqualTo(204);

        assertThat(role(pat)).isEqualTo("HTTP 401");
        assertThat(role(member.accessToken())).isEqualTo("HTTP 401");
    }
}
