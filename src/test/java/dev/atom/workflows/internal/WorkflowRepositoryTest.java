package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;

/** The workflow repository's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class WorkflowRepositoryTest {
    static final Instant T0 = Instant.parse("2026-11-01T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private WorkflowRepository repo;
    private String ws;

    @BeforeEach
    void setUp() {
        repo = new WorkflowRepository(db.jdbc(), event -> {});
        ws = Ids.newId();
    }

    static Workflow workflow(String workspace, String name, Instant at) {
        return new Workflow(
                Ids.newId(),
                workspace,
                name,
                "{\"name\":\"" + name + "\"}",
                null,
                false,
                Ids.newId(),
                "user-1",
                at,
                at);
    }

    @Test
    void insertsFindsListsUpdatesAndDeletesWithinOneWorkspace() {
        Workflow a = workflow(ws, "First", T0);
        Workflow b = workflow(ws, "Second", T0.plusSeconds(1));
        Workflow other = workflow(Ids.newId(), "Elsewhere", T0);
        repo.insert(a);
        repo.insert(b);
        repo.insert(other);

        assertThat(repo.find(ws, a.id())).contains(a);
        assertThat(repo.find(ws, other.id())).isEmpty();
        assertThat(repo.list(ws)).containsExactly(a, b);
        assertThat(repo.findByWebhookToken(other.webhookToken())).contains(other);
        assertThat(repo.findByWebhookToken("nope")).isEmpty();

        assertThat(repo.updateDraft(ws, a.id(), "Renamed", "{}", T0.plusSeconds(5)))
                .isTrue();
        assertThat(repo.updateDraft(ws, other.id(), "Pwned", "{}", T0)).isFalse();
        assertThat(repo.find(ws, a.id()).orElseThrow().name()).isEqualTo("Renamed");
        assertThat(repo.setEnabled(ws, a.id(), true, T0)).isTrue();
        assertThat(repo.setEnabled(ws, other.id(), true, T0)).isFalse();
        assertThat(repo.find(ws, a.id()).orElseThrow().enabled()).isTrue();

        assertThat(repo.delete(ws, other.id())).isFalse();
        assertThat(repo.delete(ws, a.id())).isTrue();
        assertThat(repo.find(ws, a.id())).isEmpty();
        assertThat(repo.findByWebhookToken(other.webhookToken())).isPresent();
    }

    @Test
    void publishingNumbersVersionsAndKeepsEachOne() {
        Workflow a = workflow(ws, "Flow", T0);
        repo.insert(a);
        int v1 = db.transactions().execute(tx -> repo.publish(ws, a.id(), "{\"v\":1}", "user-1", T0));
        int v2 = db.transactions().execute(tx -> repo.publish(ws, a.id(), "{\"v\":2}", "user-1", T0));
        assertThat(v1).isEqualTo(1);
        assertThat(v2).isEqualTo(2);
        Workflow now = repo.find(ws, a.id()).orElseThrow();
        assertThat(now.activeVersion()).isEqualTo(2);
        assertThat(now.enabled()).isTrue();
        assertThat(repo.version(ws, a.id(), 1)).contains("{\"v\":1}");
        assertThat(repo.version(ws, a.id(), 2)).contains("{\"v\":2}");
        assertThat(repo.version(Ids.newId(), a.id(), 1)).as("another workspace").isEmpty();
        assertThat(repo.version(ws, a.id(), 3)).isEmpty();
    }

    @Test
    void webhookTokensAreUnique() {
        Workflow a = workflow(ws, "A", T0);
        repo.insert(a);
        Workflow clash = new Workflow(Ids.newId(), ws, "B", "{}", null, false, a.webhookToken(), "u", T0, T0);
        assertThatThrownBy(() -> repo.insert(clash)).isInstanceOf(DataAccessException.class);
    }
}
