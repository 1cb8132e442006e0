package dev.atom.ai.routing;

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

/** The workspace's default routing row, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class RoutingSettingRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private RoutingSettingRepository repository;
    private String ws;

    @BeforeEach
    void setUp() {
        repository = new RoutingSettingRepository(db.jdbc());
        ws = Ids.newId();
    }

    @Test
    void aWorkspaceWithoutARowHasNothingStored() {
        assertThat(repository.find(ws)).isEmpty();
    }

    @Test
    void putInsertsThenReplacesKeepingTheOrder() {
        List<String> first = List.of("anthropic/claude-haiku-5-5", "ollama/llama3.3:70b", "atom/cheapest");
        repository.put(new RoutingSetting(ws, first, "u1", T0));
        assertThat(repository.find(ws)).contains(new RoutingSetting(ws, first, "u1", T0));

        List<String> second = List.of("atom/fastest", "openai/gpt-5.6-luna");
        repository.put(new RoutingSetting(ws, second, "u2", T0.plusSeconds(60)));
        RoutingSetting stored = repository.find(ws).orElseThrow();
        assertThat(stored.models()).containsExactly("atom/fastest", "openai/gpt-5.6-luna");
        assertThat(stored.updatedBy()).isEqualTo("u2");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void settingsBelongToOneWorkspace() {
        String other = Ids.newId();
        repository.put(new RoutingSetting(ws, List.of("atom/best"), "u1", T0));
        assertThat(repository.find(other)).isEmpty();
        repository.put(new RoutingSetting(other, List.of("atom/cheapest"), "u9", T0));
        assertThat(repository.find(ws).orElseThrow().models()).containsExactly("atom/best");
        assertThat(repository.find(other).orElseThrow().models()).containsExactly("atom/cheapest");
    }
}
