package dev.atom.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The repository contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class SecretRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Instant T1 = Instant.parse("2026-02-03T04:05:06Z");

    @Parameter
    TestDatabase db;

    private SecretRepository repository;

    @BeforeEach
    void setUp() {
        db.jdbc().sql("DELETE FROM secrets").update();
        repository = new SecretRepository(db.jdbc());
    }

    @Test
    void insertsAndFindsOnlyByTheFullBinding() {
        var row = row("ws1", "o", "p", "c1");
        repository.insert(row, T0);

        assertThat(repository.find(row.id(), "ws1", "o", "p")).contains(row);
        assertThat(repository.find(row.id(), "ws2", "o", "p")).isEmpty();
        assertThat(repository.find(row.id(), "ws1", "x", "p")).isEmpty();
        assertThat(repository.find(row.id(), "ws1", "o", "x")).isEmpty();
        assertThat(repository.countAll()).isEqualTo(1);
        assertThat(timestamps(row.id())).containsExactly("2026-01-02T03:04:05.123456Z", "2026-01-02T03:04:05.123456Z");
    }

    @Test
    void updatesTheCiphertextAndUpdatedAtOnlyForTheMatchingRow() {
        var row = row("ws1", "o", "p", "c1");
        repository.insert(row, T0);

        assertThat(repository.updateCiphertext(new SecretRepository.Row(row.id(), "ws2", "o", "p", "evil"), T1))
                .isFalse();
        assertThat(repository.updateCiphertext(new SecretRepository.Row(row.id(), "ws1", "o", "p", "c2"), T1))
                .isTrue();

        assertThat(repository.find(row.id(), "ws1", "o", "p").orElseThrow().ciphertext())
                .isEqualTo("c2");
        assertThat(timestamps(row.id())).containsExactly("2026-01-02T03:04:05.123456Z", "2026-02-03T04:05:06.000000Z");
    }

    @Test
    void replacesACiphertextOnlyWhenItIsStillTheOneRead() {
        var row = row("ws1", "o", "p", "c1");
        repository.insert(row, T0);

        assertThat(repository.replaceCiphertext(row, "rewrapped")).isTrue();
        assertThat(repository.replaceCiphertext(row, "stale")).isFalse();
        assertThat(repository.find(row.id(), "ws1", "o", "p").orElseThrow().ciphertext())
                .isEqualTo("rewrapped");
        assertThat(timestamps(row.id()).get(1)).isEqualTo("2026-01-02T03:04:05.123456Z");
    }

    @Test
    void findsTheOldestByOwnerAndPurposeAndListsAllForRotation() {
        var first = row("system", "canary", "c", "a");
        var second = row("system", "canary", "c", "b");
        var other = row("ws1", "o", "p", "c");
        repository.insert(first, T0);
        repository.insert(second, T0);
        repository.insert(other, T0);

        assertThat(repository.findFirst("system", "canary", "c")).contains(first);
        assertThat(repository.findFirst("ws1", "canary", "c")).isEmpty();
        assertThat(repository.findAllForRotation()).containsExactly(first, second, other);
    }

    @Test
    void deletesOnlyWithinTheWorkspace() {
        var row = row("ws1", "o", "p", "c1");
        repository.insert(row, T0);

        assertThat(repository.delete(row.id(), "ws2")).isFalse();
        assertThat(repository.delete(row.id(), "ws1")).isTrue();
        assertThat(repository.delete(row.id(), "ws1")).isFalse();
        assertThat(repository.countAll()).isZero();
    }

    private static SecretRepository.Row row(String workspaceId, String owner, String purpose, String ciphertext) {
        return new SecretRepository.Row(Ids.newId(), workspaceId, owner, purpose, ciphertext);
    }

    private java.util.List<String> timestamps(String id) {
        return db.jdbc()
                .sql("SELECT created_at, updated_at FROM secrets WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> java.util.List.of(rs.getString(1), rs.getString(2)))
                .single();
    }
}
