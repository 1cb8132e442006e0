package dev.atom.ai.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;

/** The key repository's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class AiKeyRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private AiKeyRepository repo;
    private String ws;
    private int created;

    @BeforeEach
    void setUp() {
        repo = new AiKeyRepository(db.jdbc(), db.transactions());
        ws = Ids.newId();
    }

    private AiKey key(String workspace, String userId, String provider, String name) {
        AiKey.Scope scope = userId == null ? AiKey.Scope.WORKSPACE : AiKey.Scope.USER;
        return new AiKey(
                Ids.newId(),
                workspace,
                userId,
                scope,
                provider,
                name,
                "sk-...7890",
                provider.equals("azure-openai") ? URI.create("https://res.openai.azure.com") : null,
                provider.equals("azure-openai") ? "gpt-prod" : null,
                provider.equals("azure-openai") ? "2024-10-21" : null,
                provider.equals("openai-compatible") ? null : Ids.newId(),
                T0.plus(created++, ChronoUnit.MINUTES));
    }

    private AiKey saved(String workspace, String userId, String provider, String name) {
        AiKey key = key(workspace, userId, provider, name);
        repo.insert(key, userId == null ? "admin-1" : userId);
        return key;
    }

    @Test
    void storesAndReadsBackEveryField() {
        AiKey azure = saved(ws, null, "azure-openai", "Azure prod");
        AiKey local = saved(ws, "u1", "openai-compatible", "ollama");
        assertThat(repo.find(ws, azure.id())).contains(azure);
        assertThat(repo.find(ws, local.id())).contains(local);
        assertThat(repo.find(ws, local.id()).orElseThrow().secretId()).isNull();
    }

    @Test
    void aUserSeesTheirOwnAndTheWorkspacesKeysOldestFirst() {
        AiKey shared = saved(ws, null, "openai", "Team OpenAI");
        AiKey mine = saved(ws, "u1", "anthropic", "Mine");
        saved(ws, "u2", "openai", "Someone else's");
        saved(Ids.newId(), "u1", "openai", "Other workspace");
        assertThat(repo.usableBy(ws, "u1")).containsExactly(shared, mine);
        assertThat(repo.usableBy(ws, "u3")).containsExactly(shared);
    }

    @Test
    void personalKeysAreEveryUsersOwnKeysOfTheWorkspaceOnly() {
        saved(ws, null, "openai", "Team OpenAI");
        AiKey first = saved(ws, "u1", "openai-compatible", "ollama");
        AiKey second = saved(ws, "u2", "anthropic", "Mine");
        saved(Ids.newId(), "u1", "openai", "Other workspace");
        assertThat(repo.personal(ws)).containsExactly(first, second);
        assertThat(repo.personal(Ids.newId())).isEmpty();
    }

    @Test
    void namesAreUniquePerOwnerIgnoringCase() {
        saved(ws, "u1", "openai", "Work");
        assertThat(repo.nameTaken(ws, AiKey.Scope.USER, "u1", " WORK ")).isTrue();
        assertThat(repo.nameTaken(ws, AiKey.Scope.USER, "u2", "Work")).isFalse();
        assertThat(repo.nameTaken(ws, AiKey.Scope.WORKSPACE, null, "Work")).isFalse();
        assertThat(repo.nameTaken(Ids.newId(), AiKey.Scope.USER, "u1", "Work")).isFalse();
        assertThatThrownBy(() -> saved(ws, "u1", "anthropic", "work")).isInstanceOf(DuplicateKeyException.class);
        saved(ws, "u2", "openai", "Work");
        saved(ws, null, "openai", "Work");
        assertThatThrownBy(() -> saved(ws, null, "gemini", "WORK")).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void deleteIsScopedToTheWorkspaceAndTakesDiscoveredModelsAlong() {
        AiKey key = saved(ws, "u1", "openai-compatible", "ollama");
        db.jdbc()
                .sql("INSERT INTO ai_key_models (key_id, workspace_id, model) VALUES (:k, :ws, 'llama3')")
                .param("k", key.id())
                .param("ws", ws)
                .update();
        assertThat(repo.delete(Ids.newId(), key.id())).isFalse();
        assertThat(repo.find(ws, key.id())).isPresent();
        assertThat(repo.delete(ws, key.id())).isTrue();
        assertThat(repo.find(ws, key.id())).isEmpty();
        assertThat(repo.delete(ws, key.id())).isFalse();
        long models = db.jdbc()
                .sql("SELECT COUNT(*) FROM ai_key_models WHERE key_id = :k")
                .param("k", key.id())
                .query(Long.class)
                .single();
        assertThat(models).isZero();
    }
}
