package dev.atom.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.secrets.SecretDecryptionException;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The store on a real database: round trip, binding to id/workspace/owner/purpose, tamper detection, audit. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class EnvelopeSecretStoreTest {
    @Parameter
    TestDatabase db;

    private final List<Object> events = new ArrayList<>();
    private SecretRepository repository;
    private SecretStore store;

    @BeforeEach
    void setUp() throws Exception {
        db.jdbc().sql("DELETE FROM secrets").update(); // one database per dialect, a fresh master key per test
        repository = new SecretRepository(db.jdbc());
        Path dataDir = Files.createTempDirectory("atom-secrets-");
        Keyring keyring = MasterKeyStartup.open(new MasterKeySource(null, dataDir), repository, Clock.systemUTC());
        store = new EnvelopeSecretStore(repository, keyring, events::add, Clock.systemUTC());
    }

    @Test
    void roundTripsAndUpdatesAValue() {
        String id = store.put("ws1", "ai_key:1", "api-key", "sk-live-äöü-1234");
        assertThat(store.get(id, "ws1", "ai_key:1", "api-key")).contains("sk-live-äöü-1234");

        store.update(id, "ws1", "ai_key:1", "api-key", "sk-live-rotated");
        assertThat(store.get(id, "ws1", "ai_key:1", "api-key")).contains("sk-live-rotated");
        assertThat(store.put("ws1", "o", "p", ""))
                .satisfies(
                        empty -> assertThat(store.get(empty, "ws1", "o", "p")).contains(""));
    }

    @Test
    void storesNoPlaintextAndADifferentCiphertextEachTime() {
        String a = store.put("ws1", "o", "p", "same-value-xyz");
        String b = store.put("ws1", "o", "p", "same-value-xyz");
        String ca = rows().ciphertext(a);
        assertThat(ca).isNotEqualTo(rows().ciphertext(b)).doesNotContain("same-value-xyz");
        assertThat(new String(Base64.getDecoder().decode(ca), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("same-value-xyz");
    }

    @Test
    void isEmptyForAnotherWorkspaceOwnerPurposeOrAfterDelete() {
        String id = store.put("ws1", "o", "p", "v");
        assertThat(store.get(id, "ws2", "o", "p")).isEmpty();
        assertThat(store.get(id, "ws1", "other", "p")).isEmpty();
        assertThat(store.get(id, "ws1", "o", "other")).isEmpty();
        assertThat(store.delete(id, "ws2")).isFalse();
        assertThat(store.get(id, "ws1", "o", "p")).contains("v");
        assertThat(store.delete(id, "ws1")).isTrue();
        assertThat(store.delete(id, "ws1")).isFalse();
        assertThat(store.get(id, "ws1", "o", "p")).isEmpty();
    }

    @Test
    void updateOfAnUnknownOrForeignSecretFails() {
        String id = store.put("ws1", "o", "p", "v");
        assertThatThrownBy(() -> store.update(id, "ws2", "o", "p", "x")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> store.update(id, "ws1", "o", "q", "x")).isInstanceOf(NoSuchElementException.class);
        assertThat(store.get(id, "ws1", "o", "p")).contains("v");
    }

    @Test
    void aCiphertextCopiedToAnotherRowDoesNotDecrypt() {
        String source = store.put("ws1", "o", "p", "copied-value");
        String target = store.put("ws1", "o", "p", "target-value");
        rows().set(target, "ciphertext", rows().ciphertext(source));

        assertThatThrownBy(() -> store.get(target, "ws1", "o", "p"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining(target)
                .hasMessageNotContaining("copied-value");
        assertThat(store.get(source, "ws1", "o", "p")).contains("copied-value");
    }

    @Test
    void aRowMovedToAnotherOwnerPurposeOrWorkspaceDoesNotDecrypt() {
        String owner = store.put("ws1", "o", "p", "v1");
        rows().set(owner, "owner", "o2");
        assertThatThrownBy(() -> store.get(owner, "ws1", "o2", "p")).isInstanceOf(SecretDecryptionException.class);

        String purpose = store.put("ws1", "o", "p", "v2");
        rows().set(purpose, "purpose", "p2");
        assertThatThrownBy(() -> store.get(purpose, "ws1", "o", "p2")).isInstanceOf(SecretDecryptionException.class);

        String workspace = store.put("ws1", "o", "p", "v3");
        rows().set(workspace, "workspace_id", "ws2");
        assertThatThrownBy(() -> store.get(workspace, "ws2", "o", "p")).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void everyFlippedByteIsDetected() {
        String id = store.put("ws1", "o", "p", "tamper-me");
        byte[] original = Base64.getDecoder().decode(rows().ciphertext(id));
        for (int i = 0; i < original.length; i++) {
            byte[] tampered = original.clone();
            tampered[i] ^= 0x01;
            rows().set(id, "ciphertext", Base64.getEncoder().encodeToString(tampered));
            assertThatThrownBy(() -> store.get(id, "ws1", "o", "p"))
                    .as("flipped byte %d", i)
                    .isInstanceOf(SecretDecryptionException.class);
        }
        rows().set(id, "ciphertext", Base64.getEncoder().encodeToString(original));
        assertThat(store.get(id, "ws1", "o", "p")).contains("tamper-me");
    }

    @Test
    void auditsWritesWithoutTheValue() {
        String id = store.put("ws1", "ai_key:7", "api-key", "never-in-audit");
        store.update(id, "ws1", "ai_key:7", "api-key", "never-in-audit-2");
        store.put(SecretStore.SYSTEM, "jwt", "signing-key", "k");
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.toString()).doesNotContain("never-in-audit"));
        AuditEvent created = (AuditEvent) events.get(0);
        assertThat(created.type()).isEqualTo("secret.written");
        assertThat(created.workspaceId()).isEqualTo("ws1");
        assertThat(created.detail())
                .containsEntry("secretId", id)
                .containsEntry("owner", "ai_key:7")
                .containsEntry("purpose", "api-key")
                .containsEntry("change", "created");
        assertThat(((AuditEvent) events.get(1)).detail()).containsEntry("change", "updated");
        assertThat(((AuditEvent) events.get(2)).workspaceId()).isNull();
    }

    @Test
    void rejectsBlankBindingFields() {
        assertThatThrownBy(() -> store.put(" ", "o", "p", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("ws", null, "p", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("ws", "o", "", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("ws", "o", "p", null)).isInstanceOf(IllegalArgumentException.class);
    }

    private SecretRows rows() {
        return new SecretRows(db);
    }
}
