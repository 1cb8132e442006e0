package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With ATOM_SIGNUP=invite only the first person (the operator) and invited people can sign up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "atom.identity.signup=invite")
class InviteOnlySignupTest {
    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void atomProperties(DynamicPropertyRegistry registry) {
        registry.add("atom.data-dir", DATA_DIR::toString);
        registry.add("atom.db.url", () -> "");
    }

    private TestHttp http() {
        return new TestHttp("http://localhost:" + port);
    }

    @Test
    void onlyTheFirstAccountAndInvitedPeopleMaySignUp() {
        var api = new TestUsers(this::http);
        var operator = api.signUp("operator");

        String email = TestUsers.uniqueEmail("guest");
        var uninvited = api.postSignUp(email, "G", null);
        assertThat(uninvited.status()).isEqualTo(403);
        assertThat(uninvited.header("Content-Type")).startsWith("application/problem+json");

        var badToken = api.postSignUp(email, "G", "nope");
        assertThat(badToken.status()).isEqualTo(403);

        var invitation = api.as(operator)
                .post(
                        "/api/v1/workspaces/" + operator.workspaceId() + "/invitations",
                        Map.of("email", email, "role", "member"));
        assertThat(invitation.status()).isEqualTo(201);
        var invited = api.postSignUp(email, "G", invitation.json().get("token").asString());
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().get("workspace").get("id").asString()).isEqualTo(operator.workspaceId());
        assertThat(invited.json().get("workspace").get("role").asString()).isEqualTo("member");

        var members = api.as(operator).get("/api/v1/workspaces/" + operator.workspaceId() + "/members");
        assertThat(members.json().findValuesAsString("email")).containsExactly(operator.email(), email);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("atom-invite-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
