package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.audit.AuditEvent;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * Every security fact of the identity module is published as an AuditEvent (ops persists them). Requests run
 * on server threads, so the test listens on the shared context instead of using @RecordApplicationEvents.
 */
class AuditEventsTest extends AppTestBase {

    @Autowired
    ApplicationEventMulticaster multicaster;

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final ApplicationListener<PayloadApplicationEvent<?>> listener = e -> {
        if (e.getPayload() instanceof AuditEvent audit) {
            events.add(audit);
        }
    };

    @BeforeEach
    void listen() {
        multicaster.addApplicationListener(listener);
    }

    @AfterEach
    void stop() {
        multicaster.removeApplicationListener(listener);
    }

    private List<String> types(String userId) {
        return events.stream()
                .filter(e -> userId.equals(e.actorUserId()))
                .map(AuditEvent::type)
                .toList();
    }

    @Test
    void identityEventsArePublishedWithoutSecrets() {
        var api = new TestUsers(this::http);
        var owner = api.signUp("audit");
        http().post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "wrong password"));
        var token = api.as(owner).post("/api/v1/tokens", Map.of("name", "t"));
        api.as(owner).delete("/api/v1/tokens/" + token.json().get("id").asString());
        String email = TestUsers.uniqueEmail("joiner");
        var invitation = api.as(owner)
                .post(
                        "/api/v1/workspaces/" + owner.workspaceId() + "/invitations",
                        Map.of("email", email, "role", "member"));
        var joined = api.postSignUp(email, "J", invitation.json().get("token").asString());
        String joinerId = joined.json().get("user").get("id").asString();
        String members = "/api/v1/workspaces/" + owner.workspaceId() + "/members/" + joinerId;
        api.as(owner).patch(members, Map.of("role", "admin"));
        api.as(owner).delete(members);
        var refreshed = http().post("/api/v1/auth/refresh", Map.of("refreshToken", owner.refreshToken()));
        http().post("/api/v1/auth/refresh", Map.of("refreshToken", owner.refreshToken()));
        http().post(
                        "/api/v1/auth/logout",
                        Map.of(
                                "refreshToken",
                                refreshed.json().get("refreshToken").asString()));

        assertThat(types(owner.id()))
                .contains(
                        "user.signup",
                        "auth.login",
                        "auth.login_failed",
                        "token.created",
                        "token.revoked",
                        "member.invited",
                        "member.role_changed",
                        "member.removed",
                        "refresh.reuse_detected",
                        "auth.logout");
        assertThat(types(joinerId)).contains("user.signup");
        var failed = events.stream()
                .filter(e -> e.type().equals("auth.login_failed") && owner.id().equals(e.actorUserId()))
                .findFirst()
                .orElseThrow();
        assertThat(failed.ip()).isNotBlank();
        String all = events.toString();
        assertThat(all)
                .doesNotContain(TestUsers.PASSWORD, "wrong password", owner.refreshToken())
                .doesNotContain(token.json().get("token").asString())
                .doesNotContain(invitation.json().get("token").asString());
    }
}
