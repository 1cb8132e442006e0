package dev.atom.ai.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Price overrides and discovered models, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class CatalogRepositoriesTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private PriceOverrideRepository overrides;
    private DiscoveredModelRepository discovered;
    private String ws;

    @BeforeEach
    void setUp() {
        overrides = new PriceOverrideRepository(db.jdbc(), db.transactions());
        discovered = new DiscoveredModelRepository(db.jdbc(), db.transactions());
        ws = Ids.newId();
    }

    private PriceOverride override(String workspace, String model, long input, Instant at) {
        return new PriceOverride(Ids.newId(), workspace, model, input, input * 4, input / 10, "admin", at);
    }

    @Test
    void putInsertsThenReplacesKeepingTheId() {
        PriceOverride first = overrides.put(override(ws, "openai/gpt-5.6-luna", 123_456_789_012L, T0));
        assertThat(first.inputMicros()).isEqualTo(123_456_789_012L);
        assertThat(first.outputMicros()).isEqualTo(493_827_156_048L);
        assertThat(first.updatedAt()).isEqualTo(T0);
        PriceOverride second = overrides.put(override(ws, "openai/gpt-5.6-luna", 1, T0.plusSeconds(60)));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.inputMicros()).isEqualTo(1);
        assertThat(second.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(overrides.list(ws)).containsExactly(second);
    }

    @Test
    void overridesBelongToOneWorkspace() {
        PriceOverride mine = overrides.put(override(ws, "anthropic/claude-opus-5-5", 5, T0));
        String other = Ids.newId();
        PriceOverride theirs = overrides.put(override(other, "anthropic/claude-opus-5-5", 7, T0));
        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(overrides.list(ws)).containsExactly(mine);
        assertThat(overrides.find(other, mine.id())).isEmpty();
        assertThat(overrides.delete(other, mine.id())).isFalse();
        assertThat(overrides.find(ws, mine.id())).contains(mine);
        assertThat(overrides.delete(ws, mine.id())).isTrue();
        assertThat(overrides.list(ws)).isEmpty();
        assertThat(overrides.list(other)).containsExactly(theirs);
    }

    @Test
    void discoveredModelsAreReplacedPerKeyAndJoinedWithTheKeyName() {
        String key = insertKey(ws, "u1", "ollama", T0);
        String shared = insertKey(ws, null, "vllm", T0.plusSeconds(1));
        discovered.replace(ws, key, List.of("llama3", "qwen3", "llama3"));
        discovered.replace(ws, shared, List.of("mistral"));
        assertThat(discovered.list(ws))
                .containsExactly(
                        new DiscoveredModelRepository.Discovered(key, "ollama", "u1", "llama3"),
                        new DiscoveredModelRepository.Discovered(key, "ollama", "u1", "qwen3"),
                        new DiscoveredModelRepository.Discovered(shared, "vllm", null, "mistral"));
        discovered.replace(ws, key, List.of("phi4"));
        assertThat(discovered.list(ws))
                .extracting(DiscoveredModelRepository.Discovered::model)
                .containsExactly("phi4", "mistral");
        assertThat(discovered.list(Ids.newId())).isEmpty();
    }

    private String insertKey(String workspace, String userId, String name, Instant at) {
        String id = Ids.newId();
        db.jdbc()
                .sql("""
                        INSERT INTO ai_keys (id, workspace_id, user_id, scope, owner_key, provider, name, name_key,
                            masked, created_by, created_at)
                        VALUES (:id, :ws, :user, :scope, :owner, 'openai-compatible', :name, :name, '', 'x', :at)
                        """)
                .param("id", id)
                .param("ws", workspace)
                .param("user", userId)
                .param("scope", userId == null ? "workspace" : "user")
                .param("owner", userId == null ? "*" : userId)
                .param("name", name)
                .param("at", dev.atom.shared.time.Timestamps.format(at))
                .update();
        return id;
    }
}
