package dev.atom.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.atom.secrets.SecretDecryptionException;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
@ExtendWith(OutputCaptureExtension.class)
class KeyRotationTest {
    @Parameter
    TestDatabase db;

    private final List<Object> events = new ArrayList<>();
    private Path dataDir;
    private SecretRepository repository;

    @BeforeEach
    void setUp() throws Exception {
        db.jdbc().sql("DELETE FROM secrets").update();
        repository = new SecretRepository(db.jdbc());
        dataDir = Files.createTempDirectory("atom-rotate-");
    }

    @Test
    void reEncryptsEveryDataKeyAndOldAndNewCiphertextsDecrypt() throws Exception {
        MasterKeySource source = new MasterKeySource(null, dataDir);
        Keyring keyring = MasterKeyStartup.open(source, repository, Clock.systemUTC());
        SecretStore store = store(keyring);
        String a = store.put("ws1", "ai_key:1", "api-key", "value-a");
        String b = store.put("ws2", "connection:9", "oauth-refresh-token", "value-b");
        String before = rows().ciphertext(a);
        String oldKeyset = Files.readString(source.file());

        int rotated = rotation(keyring, source).rotate();

        assertThat(rotated).isEqualTo(3); // a, b and the canary
        KeysetHandle saved = keyset(Files.readString(source.file()));
        assertThat(saved.size()).isEqualTo(2);
        assertThat(saved.getPrimary().getId())
                .isNotEqualTo(keyset(oldKeyset).getPrimary().getId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(source.file())))
                .isEqualTo("rw-------");
        assertThat(Files.exists(source.file().resolveSibling("master-key.json.tmp")))
                .isFalse();

        // the data key was re-wrapped, the payload is untouched
        String after = rows().ciphertext(a);
        assertThat(after).isNotEqualTo(before);
        assertThat(payload(after)).isEqualTo(payload(before));

        // the running store and a fresh start from the saved keyset both decrypt everything
        assertThat(store.get(a, "ws1", "ai_key:1", "api-key")).contains("value-a");
        Keyring restarted = MasterKeyStartup.open(new MasterKeySource(null, dataDir), repository, Clock.systemUTC());
        assertThat(store(restarted).get(b, "ws2", "connection:9", "oauth-refresh-token"))
                .contains("value-b");

        // a ciphertext made under the old key still decrypts with the new keyset
        rows().set(a, "ciphertext", before);
        assertThat(store(restarted).get(a, "ws1", "ai_key:1", "api-key")).contains("value-a");

        // and the old keyset alone no longer opens the rotated rows: they really moved to the new key
        Keyring old = new Keyring(keyset(oldKeyset));
        assertThatThrownBy(() -> store(old).get(b, "ws2", "connection:9", "oauth-refresh-token"))
                .isInstanceOf(SecretDecryptionException.class);

        AuditEvent audit = (AuditEvent) events.getLast();
        assertThat(audit.type()).isEqualTo("secret.rotated");
        assertThat(audit.detail()).containsEntry("secrets", "3").containsEntry("keys", "2");
    }

    @Test
    void anEnvironmentKeyIsPrintedToStdoutOnlyAndDecryptsAfterwards(CapturedOutput output) throws Exception {
        KeysetHandle original = MasterKeySource.newKeyset();
        String env = Base64.getEncoder()
                .encodeToString(MasterKeySource.serialize(original).getBytes(StandardCharsets.UTF_8));
        MasterKeySource source = new MasterKeySource(env, dataDir);
        Keyring keyring = MasterKeyStartup.open(source, repository, Clock.systemUTC());
        String id = store(keyring).put("ws1", "o", "p", "env-value");

        rotation(keyring, source).rotate();

        assertThat(Files.exists(source.file())).isFalse();
        String printed = Arrays.stream(output.getOut().split("\\R"))
                .filter(line -> line.matches("[A-Za-z0-9+/=]{100,}"))
                .reduce((first, second) -> second)
                .orElseThrow();
        assertThat(printed).isNotEqualTo(env);
        assertThat(output.getAll().split(java.util.regex.Pattern.quote(printed), -1))
                .as("the new key is printed once, never logged")
                .hasSize(2);
        Keyring restarted = MasterKeyStartup.open(new MasterKeySource(printed, dataDir), repository, Clock.systemUTC());
        assertThat(restarted.handle().size()).isEqualTo(2);
        assertThat(store(restarted).get(id, "ws1", "o", "p")).contains("env-value");
        assertThat(output.getOut()).contains("Master key rotated");
    }

    @Test
    void aTamperedRowStopsTheRotationAndChangesNothing() {
        MasterKeySource source = new MasterKeySource(null, dataDir);
        Keyring keyring = MasterKeyStartup.open(source, repository, Clock.systemUTC());
        SecretStore store = store(keyring);
        String good = store.put("ws1", "o", "p", "good");
        String bad = store.put("ws1", "o", "p", "bad");
        String goodBefore = rows().ciphertext(good);
        byte[] tampered = Base64.getDecoder().decode(rows().ciphertext(bad));
        tampered[tampered.length - 1] ^= 1;
        rows().set(bad, "ciphertext", Base64.getEncoder().encodeToString(tampered));

        assertThatThrownBy(() -> rotation(keyring, source).rotate()).hasMessageContaining(bad);

        assertThat(rows().ciphertext(good)).isEqualTo(goodBefore); // rolled back
        assertThat(store.get(good, "ws1", "o", "p")).contains("good");
    }

    private KeyRotationService rotation(Keyring keyring, MasterKeySource source) {
        return new KeyRotationService(keyring, source, repository, db.transactions(), events::add);
    }

    private SecretStore store(Keyring keyring) {
        return new EnvelopeSecretStore(repository, keyring, events::add, Clock.systemUTC());
    }

    private static KeysetHandle keyset(String json) throws Exception {
        return com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeyset(
                json, com.google.crypto.tink.InsecureSecretKeyAccess.get());
    }

    /** The payload part of an envelope: everything after the wrapped data key. */
    private static byte[] payload(String ciphertext) {
        byte[] envelope = Base64.getDecoder().decode(ciphertext);
        int wrapped = java.nio.ByteBuffer.wrap(envelope, 1, 4).getInt();
        return Arrays.copyOfRange(envelope, 5 + wrapped, envelope.length);
    }

    private SecretRows rows() {
        return new SecretRows(db);
    }
}
