package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Invitations, roles and workspace switching through the API. */
class WorkspaceApiTest extends AppTestBase {

    private TestUsers api() {
        return new TestUsers(this::http);
    }

    private JsonNode invite(TestUsers.User by, String workspaceId, String email, String role) {
        var response = api().as(by)
                .post("/api/v1/workspaces/" + workspaceId + "/invitations", Map.of("email", email, "role", role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Signs up a new user through an invitation into the owner's workspace and logs them in. */
    private TestUsers.User joinedAs(TestUsers.User owner, String who, String role) {
        var joined = api().invite(who, owner, role);
        assertThat(joined.workspaceId()).isEqualTo(owner.workspaceId());
        var workspace = api().as(joined).get("/api/v1/workspaces/" + owner.workspaceId());
        assertThat(workspace.json().get("role").asString()).isEqualTo(role);
        return joined;
    }

    @Test
    void anInvitationHasTheDocumentedShapeAndWorksOnce() {
        var owner = api().signUp("pia");
        String email = TestUsers.uniqueEmail("quinn");
        var invitation = invite(owner, owner.workspaceId(), email.toUpperCase(), "admin");
        assertThat(invitation.get("email").asString()).isEqualTo(email);
        assertThat(invitation.get("role").asString()).isEqualTo("admin");
        assertThat(invitation.get("acceptUrl").asString())
                .contains(invitation.get("token").asString());
        assertThat(invitation.get("expiresAt").asString()).isNotBlank();

        var pending = api().as(owner).get("/api/v1/workspaces/" + owner.workspaceId() + "/invitations");
        assertThat(pending.json().size()).isEqualTo(1);
        assertThat(pending.body()).doesNotContain(invitation.get("token").asString());

        // An existing user with that email accepts while signed in.
        var quinn = api().postSignUp(email, "Q", null);
        assertThat(quinn.status()).isEqualTo(201);
        var quinnTokens = api().logIn(email);
        var accept = http().bearer(quinnTokens.get("accessToken").asString())
                .post(
                        "/api/v1/invitations/accept",
                        Map.of("token", invitation.get("token").asString()));
        assertThat(accept.status()).as(accept.toString()).isEqualTo(200);
        assertThat(accept.json().get("workspace").get("role").asString()).isEqualTo("admin");
        var again = http().bearer(quinnTokens.get("accessToken").asString())
                .post(
                        "/api/v1/invitations/accept",
                        Map.of("token", invitation.get("token").asString()));
        assertThat(again.status()).isEqualTo(403);

        var members = api().as(owner).get("/api/v1/workspaces/" + owner.workspaceId() + "/members");
        assertThat(members.json().findValuesAsString("email")).containsExactly(owner.email(), email);
    }

    @Test
    void anInvitationForAnotherEmailCannotBeUsed() {
        var owner = api().signUp("ray");
        var invitation = invite(owner, owner.workspaceId(), TestUsers.uniqueEmail("sam"), "member");
        var intruder = api().signUp("tom");
        var accept = api().as(intruder)
                .post(
                        "/api/v1/invitations/accept",
                        Map.of("token", invitation.get("token").asString()));
        assertThat(accept.status()).isEqualTo(403);
        var signup = api().postSignUp(
                        TestUsers.uniqueEmail("uma"),
                        "Uma",
                        invitation.get("token").asString());
        assertThat(signup.status()).isEqualTo(403);
    }

    @Test
    void rolesAreEnforced() {
        var owner = api().signUp("vic");
        String ws = owner.workspaceId();
        var member = joinedAs(owner, "wes", "member");
        var admin = joinedAs(owner, "xia", "admin");

        // A member cannot invite, rename or change roles.
        assertThat(api().as(member)
                        .post(
                                "/api/v1/workspaces/" + ws + "/invitations",
                                Map.of("email", "a@b.test", "role", "member"))
                        .status())
                .isEqualTo(403);
        assertThat(api().as(member)
                        .patch("/api/v1/workspaces/" + ws, Map.of("name", "Mine now"))
                        .status())
                .isEqualTo(403);
        assertThat(api().as(member)
                        .patch("/api/v1/workspaces/" + ws + "/members/" + member.id(), Map.of("role", "admin"))
                        .status())
                .isEqualTo(403);
        // But a member sees the workspace and its members.
        assertThat(api().as(member).get("/api/v1/workspaces/" + ws + "/members").status())
                .isEqualTo(200);

        // An admin invites members and admins, but not owners, and cannot make anyone an owner.
        assertThat(api().as(admin)
                        .post("/api/v1/workspaces/" + ws + "/invitations", Map.of("email", "c@d.test", "role", "admin"))
                        .status())
                .isEqualTo(201);
        assertThat(api().as(admin)
                        .post("/api/v1/workspaces/" + ws + "/invitations", Map.of("email", "e@f.test", "role", "owner"))
                        .status())
                .isEqualTo(403);
        assertThat(api().as(admin)
                        .patch("/api/v1/workspaces/" + ws + "/members/" + member.id(), Map.of("role", "owner"))
                        .status())
                .isEqualTo(403);
        assertThat(api().as(admin)
                        .patch("/api/v1/workspaces/" + ws + "/members/" + owner.id(), Map.of("role", "member"))
                        .status())
                .isEqualTo(403);
        var promoted =
                api().as(admin).patch("/api/v1/workspaces/" + ws + "/members/" + member.id(), Map.of("role", "admin"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").asString()).isEqualTo("admin");
        // Roles apply at once: the promoted member's existing token now acts as an admin.
        assertThat(api().as(member).get("/api/v1/me").json().get("role").asString())
                .isEqualTo("admin");

        var badRole =
                api().as(owner).patch("/api/v1/workspaces/" + ws + "/members/" + member.id(), Map.of("role", "boss"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("errors").get(0).get("field").asString()).isEqualTo("role");
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() {
        var owner = api().signUp("yan");
        String ws = owner.workspaceId();
        assertThat(api().as(owner)
                        .patch("/api/v1/workspaces/" + ws + "/members/" + owner.id(), Map.of("role", "admin"))
                        .status())
                .isEqualTo(409);
        assertThat(api().as(owner)
                        .delete("/api/v1/workspaces/" + ws + "/members/" + owner.id())
                        .status())
                .isEqualTo(409);

        var second = joinedAs(owner, "zoe", "owner");
        assertThat(api().as(owner)
                        .patch("/api/v1/workspaces/" + ws + "/members/" + owner.id(), Map.of("role", "admin"))
                        .status())
                .isEqualTo(200);
        assertThat(api().as(second)
                        .delete("/api/v1/workspaces/" + ws + "/members/" + owner.id())
                        .status())
                .isEqualTo(204);
        // The removed owner's access token acted in that workspace, so it no longer works; a refresh moves
        // them to a new personal workspace, and the old one is not found for them.
        assertThat(api().as(owner).get("/api/v1/me").status()).isEqualTo(401);
        var refreshed = http().post("/api/v1/auth/refresh", Map.of("refreshToken", owner.refreshToken()));
        assertThat(refreshed.status()).isEqualTo(200);
        var again = http().bearer(refreshed.json().get("accessToken").asString());
        assertThat(again.get("/api/v1/workspaces/" + ws).status()).isEqualTo(404);
        assertThat(again.get("/api/v1/me").json().get("workspace").get("id").asString())
                .isNotEqualTo(ws);
    }

    @Test
    void anotherWorkspaceIsNotFoundOnEveryRoute() {
        var owner = api().signUp("abe");
        var stranger = api().signUp("bea");
        String ws = owner.workspaceId();
        var invitation = invite(owner, ws, TestUsers.uniqueEmail("cy"), "member");
        var s = api().as(stranger);
        assertThat(s.get("/api/v1/workspaces/" + ws).status()).isEqualTo(404);
        assertThat(s.patch("/api/v1/workspaces/" + ws, Map.of("name", "x")).status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/workspaces/" + ws + "/members").status()).isEqualTo(404);
        assertThat(s.patch("/api/v1/workspaces/" + ws + "/members/" + owner.id(), Map.of("role", "member"))
                        .status())
                .isEqualTo(404);
        assertThat(s.delete("/api/v1/workspaces/" + ws + "/members/" + owner.id())
                        .status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/workspaces/" + ws + "/invitations").status()).isEqualTo(404);
        assertThat(s.post("/api/v1/workspaces/" + ws + "/invitations", Map.of("email", "d@e.test", "role", "member"))
                        .status())
                .isEqualTo(404);
        assertThat(s.delete("/api/v1/workspaces/" + ws + "/invitations/"
                                + invitation.get("id").asString())
                        .status())
                .isEqualTo(404);
        assertThat(s.get("/api/v1/workspaces").json().findValuesAsString("id")).containsExactly(stranger.workspaceId());
        assertThat(s.get("/api/v1/workspaces/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void theWorkspaceHeaderSwitchesOnlyToWorkspacesOfTheCaller() {
        var owner = api().signUp("dee");
        var joined = joinedAs(owner, "eli", "member");
        var other = api().signUp("fay");
        // eli signed up through the invitation, so they belong to owner's workspace only; give them a second.
        var invitation = invite(other, other.workspaceId(), joined.email(), "admin");
        assertThat(api().as(joined)
                        .post(
                                "/api/v1/invitations/accept",
                                Map.of("token", invitation.get("token").asString()))
                        .status())
                .isEqualTo(200);

        var here = api().as(joined).get("/api/v1/me");
        assertThat(here.json().get("workspace").get("id").asString()).isEqualTo(owner.workspaceId());
        assertThat(here.json().get("role").asString()).isEqualTo("member");
        assertThat(here.json().get("workspaces").size()).isEqualTo(2);

        var there =
                api().as(joined).header("X-Atom-Workspace", other.workspaceId()).get("/api/v1/me");
        assertThat(there.status()).isEqualTo(200);
        assertThat(there.json().get("workspace").get("id").asString()).isEqualTo(other.workspaceId());
        assertThat(there.json().get("role").asString()).isEqualTo("admin");

        var foreign =
                api().as(owner).header("X-Atom-Workspace", other.workspaceId()).get("/api/v1/me");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    }
}
