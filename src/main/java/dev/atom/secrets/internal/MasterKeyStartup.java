package dev.atom.secrets.internal;

import com.google.crypto.tink.KeysetHandle;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the keyring on start: loads the master key (or creates one, but only for a database that holds no
 * secrets yet), then proves it is the right key by decrypting the canary secret, which the very first start
 * writes. A missing or wrong key stops Atom with a {@link MasterKeyException}; a new key is never created
 * silently over existing secrets.
 */
final class MasterKeyStartup {
    static final String CANARY_OWNER = "atom:master-key";
    static final String CANARY_PURPOSE = "canary";
    static final String CANARY_VALUE = "atom master key canary v1";
    private static final Logger log = LoggerFactory.getLogger(MasterKeyStartup.class);

    private MasterKeyStartup() {}

    static Keyring open(MasterKeySource source, SecretRepository secrets, Clock clock) {
        long existing = secrets.countAll();
        Optional<KeysetHandle> loaded = source.load();
        if (loaded.isEmpty() && existing > 0) {
            throw new MasterKeyException(
                    "No master key found, but the database holds " + existing + " encrypted secret(s):"
                            + " ATOM_MASTER_KEY is not set and " + source.file() + " does not exist.",
                    "Restore master-key.json from your backup into the data directory, or set ATOM_MASTER_KEY"
                            + " to the key this database was encrypted with. Atom will not create a new key,"
                            + " because the existing secrets could never be decrypted with it.",
                    null);
        }
        Keyring keyring = new Keyring(loaded.orElseGet(source::generate));
        Optional<SecretRepository.Row> canary = secrets.findFirst(SecretStore.SYSTEM, CANARY_OWNER, CANARY_PURPOSE)
                .or(() -> existing > 0 ? secrets.findAllForRotation().stream().findFirst() : Optional.empty());
        if (canary.isPresent()) {
            verify(keyring, canary.get(), source);
            if (!CANARY_OWNER.equals(canary.get().owner())) {
                writeCanary(keyring, secrets, clock);
            }
            log.info("Master key from {} verified: the canary secret decrypts", source.describe());
        } else {
            writeCanary(keyring, secrets, clock);
            log.info("Master key from {} in use; canary secret written", source.describe());
        }
        return keyring;
    }

    private static void verify(Keyring keyring, SecretRepository.Row row, MasterKeySource source) {
        try {
            byte[] plaintext = EnvelopeCipher.decrypt(
                    keyring.aead(),
                    Base64.getDecoder().decode(row.ciphertext()),
                    row.binding().associatedData());
            if (CANARY_OWNER.equals(row.owner())
                    && !CANARY_VALUE.equals(new String(plaintext, StandardCharsets.UTF_8))) {
                throw new GeneralSecurityException("canary value differs");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MasterKeyException(
                    "The master key from " + source.describe() + " is not the key this database's secrets were"
                            + " encrypted with: the canary secret does not decrypt.",
                    "Use the original key: restore master-key.json from your backup into the data directory or"
                            + " set ATOM_MASTER_KEY to it. Do not delete the key file or the secrets: without the"
                            + " original key they cannot be recovered.",
                    e);
        }
    }

    private static void writeCanary(Keyring keyring, SecretRepository secrets, Clock clock) {
        var row = new SecretRepository.Row(Ids.newId(), SecretStore.SYSTEM, CANARY_OWNER, CANARY_PURPOSE, null);
        try {
            byte[] envelope = EnvelopeCipher.encrypt(
                    keyring.aead(),
                    CANARY_VALUE.getBytes(StandardCharsets.UTF_8),
                    row.binding().associatedData());
            secrets.insert(
                    new SecretRepository.Row(
                            row.id(),
                            row.workspaceId(),
                            row.owner(),
                            row.purpose(),
                            Base64.getEncoder().encodeToString(envelope)),
                    clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the master key canary", e);
        }
    }
}
