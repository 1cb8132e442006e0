package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The workspaces' OAuth apps, on SQLite and (when configured) PostgreSQL: one per workspace and connector. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class OAuthAppRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private OAuthAppRepository repo;
    private String ws;

    @BeforeEach
    void setUp() {
        repo = new OAuthAppRepository(db.jdbc());
        ws = Ids.newId();
    }

    @Test
    void savesReplacesListsAndDeletesWithinOneWorkspace() {
        OAuthApp github = new OAuthApp(ws, "github", "gh-client", "secret-1", false, "u1", T0);
        OAuthApp gmail = new OAuthApp(ws, "gmail", "google-client", "secret-2", true, "u1", T0);
        OAuthApp elsewhere = new OAuthApp(Ids.newId(), "github", "their-client", "secret-3", false, "u2", T0);
        repo.save(github);
        repo.save(gmail);
        repo.save(elsewhere);

        assertThat(repo.find(ws, "github")).contains(github);
        assertThat(repo.find(ws, "gmail"))
                .hasValueSatisfying(a -> assertThat(a.testing()).isTrue());
        assertThat(repo.list(ws)).extracting(OAuthApp::connector).containsExactly("github", "gmail");

        OAuthApp replaced = new OAuthApp(ws, "github", "gh-client-2", "secret-4", true, "u3", T0.plusSeconds(60));
        repo.save(replaced);
        assertThat(repo.find(ws, "github")).contains(replaced);
        assertThat(repo.find(elsewhere.workspaceId(), "github")).contains(elsewhere);

        assertThat(repo.delete(Ids.newId(), "github")).isFalse();
        assertThat(repo.delete(ws, "github")).isTrue();
        assertThat(repo.find(ws, "github")).isEmpty();
        assertThat(repo.delete(ws, "github")).isFalse();
        assertThat(repo.find(elsewhere.workspaceId(), "github")).contains(elsewhere);
        assertThat(repo.list(ws)).containsExactly(gmail);
    }
}
