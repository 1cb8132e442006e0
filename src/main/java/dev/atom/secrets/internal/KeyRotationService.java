package dev.atom.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.atom.secrets.MasterKeyRotation;
import dev.atom.shared.audit.AuditEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds a new primary key and re-wraps every data key under it in one transaction. The new keyset is saved
 * first: it still holds every old key, so a failure anywhere after that loses nothing. A row changed by
 * someone else meanwhile is skipped (its ciphertext is under a key the new keyset also holds).
 */
@Service
class KeyRotationService implements MasterKeyRotation {
    private static final Logger log = LoggerFactory.getLogger(KeyRotationService.class);

    private final Keyring keyring;
    private final MasterKeySource source;
    private final SecretRepository secrets;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    KeyRotationService(
            Keyring keyring,
            MasterKeySource source,
            SecretRepository secrets,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.keyring = keyring;
        this.source = source;
        this.secrets = secrets;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public synchronized int rotate() {
        KeysetHandle next = withNewPrimary(keyring.handle());
        Aead previous = keyring.aead();
        Aead current = Keyring.primitive(next);
        try {
            source.store(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the rotated master key to " + source.file(), e);
        }
        int primaryKeyId = next.getPrimary().getId();
        Integer count = transactions.execute(status -> {
            int rotated = 0;
            for (SecretRepository.Row row : secrets.findAllForRotation()) {
                if (secrets.replaceCiphertext(row, rewrap(row, previous, current))) {
                    rotated++;
                }
            }
            events.publishEvent(new AuditEvent(
                    null,
                    null,
                    "secret.rotated",
                    Map.of(
                            "secrets", Integer.toString(rotated),
                            "primaryKeyId", Integer.toUnsignedString(primaryKeyId),
                            "keys", Integer.toString(next.size())),
                    null));
            return rotated;
        });
        keyring.replace(next);
        log.info(
                "Master key rotated: new primary key {} ({} keys in the keyset), {} secret(s) re-encrypted; keyset"
                        + " saved to {}",
                Integer.toUnsignedString(primaryKeyId),
                next.size(),
                count,
                source.fromEnvironment() ? "stdout (ATOM_MASTER_KEY)" : source.file());
        return count == null ? 0 : count;
    }

    static KeysetHandle withNewPrimary(KeysetHandle handle) {
        try {
            return KeysetHandle.newBuilder(handle)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a new key to the master keyset", e);
        }
    }

    private static String rewrap(SecretRepository.Row row, Aead previous, Aead current) {
        try {
            byte[] envelope = EnvelopeCipher.rewrap(
                    previous,
                    current,
                    Base64.getDecoder().decode(row.ciphertext()),
                    row.binding().associatedData());
            return Base64.getEncoder().encodeToString(envelope);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "secret " + row.id() + " does not decrypt with the current master key; nothing was re-encrypted",
                    e);
        }
    }
}
