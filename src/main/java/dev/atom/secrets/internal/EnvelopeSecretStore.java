package dev.atom.secrets.internal;

import dev.atom.secrets.SecretDecryptionException;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link SecretStore} over the {@code secrets} table with Tink envelope encryption ({@link EnvelopeCipher}).
 * Logs and audits ids, owners and purposes, never values. Thread-safe.
 */
@Service
class EnvelopeSecretStore implements SecretStore {
    private static final Logger log = LoggerFactory.getLogger(EnvelopeSecretStore.class);

    private final SecretRepository secrets;
    private final Keyring keyring;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnvelopeSecretStore(SecretRepository secrets, Keyring keyring, ApplicationEventPublisher events, Clock clock) {
        this.secrets = secrets;
        this.keyring = keyring;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public String put(String workspaceId, String owner, String purpose, String plaintext) {
        var binding = new SecretBinding(Ids.newId(), workspaceId, owner, purpose);
        secrets.insert(row(binding, encrypt(binding, plaintext)), clock.instant());
        written(binding, "created");
        return binding.id();
    }

    @Override
    @Transactional
    public void update(String secretId, String workspaceId, String owner, String purpose, String plaintext) {
        var binding = new SecretBinding(secretId, workspaceId, owner, purpose);
        if (!secrets.updateCiphertext(row(binding, encrypt(binding, plaintext)), clock.instant())) {
            throw new NoSuchElementException(
                    "no secret " + secretId + " with this workspace, owner and purpose to update");
        }
        written(binding, "updated");
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> get(String secretId, String workspaceId, String owner, String purpose) {
        return secrets.find(secretId, workspaceId, owner, purpose).map(this::decrypt);
    }

    @Override
    @Transactional
    public boolean delete(String secretId, String workspaceId) {
        boolean deleted = secrets.delete(secretId, workspaceId);
        if (deleted) {
            log.info("Secret {} deleted", secretId);
            events.publishEvent(audit(workspaceId, "secret.deleted", Map.of("secretId", secretId)));
        }
        return deleted;
    }

    private String encrypt(SecretBinding binding, String plaintext) {
        requireText(binding.workspaceId(), "workspaceId");
        requireText(binding.owner(), "owner");
        requireText(binding.purpose(), "purpose");
        if (plaintext == null) {
            throw new IllegalArgumentException("plaintext must not be null");
        }
        try {
            byte[] envelope = EnvelopeCipher.encrypt(
                    keyring.aead(), plaintext.getBytes(StandardCharsets.UTF_8), binding.associatedData());
            return Base64.getEncoder().encodeToString(envelope);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt secret " + binding.id(), e);
        }
    }

    private String decrypt(SecretRepository.Row row) {
        try {
            byte[] envelope = Base64.getDecoder().decode(row.ciphertext());
            return new String(
                    EnvelopeCipher.decrypt(
                            keyring.aead(), envelope, row.binding().associatedData()),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.warn(
                    "Secret {} does not decrypt: altered, copied from another row, or not under this master key",
                    row.id());
            throw new SecretDecryptionException(
                    "secret " + row.id() + " does not decrypt (altered, copied from another row, or encrypted"
                            + " under another master key)",
                    e);
        }
    }

    private void written(SecretBinding binding, String change) {
        log.info("Secret {} {} (owner={}, purpose={})", binding.id(), change, binding.owner(), binding.purpose());
        events.publishEvent(audit(
                binding.workspaceId(),
                "secret.written",
                Map.of(
                        "secretId", binding.id(),
                        "owner", binding.owner(),
                        "purpose", binding.purpose(),
                        "change", change)));
    }

    /** Installation-wide secrets belong to no workspace, so their audit events carry none. */
    private static AuditEvent audit(String workspaceId, String type, Map<String, String> detail) {
        return new AuditEvent(SYSTEM.equals(workspaceId) ? null : workspaceId, null, type, detail, null);
    }

    private static SecretRepository.Row row(SecretBinding binding, String ciphertext) {
        return new SecretRepository.Row(
                binding.id(), binding.workspaceId(), binding.owner(), binding.purpose(), ciphertext);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
