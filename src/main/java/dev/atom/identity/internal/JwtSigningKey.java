package dev.atom.identity.internal;

import dev.atom.secrets.SecretStore;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The HMAC key of access tokens: 256 random bits generated on first use, kept encrypted in the
 * {@link SecretStore} and shared by every instance through the secret id in {@code identity_settings}.
 * Thread-safe; the key is loaded once per process.
 */
@Component
class JwtSigningKey {
    static final String SETTING = "jwt-signing-key-secret-id";
    static final String OWNER = "identity";
    static final String PURPOSE = "jwt-signing-key";

    private final SecretStore secrets;
    private final SettingsRepository settings;
    private volatile byte[] key;

    JwtSigningKey(SecretStore secrets, SettingsRepository settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    byte[] bytes() {
        byte[] current = key;
        if (current == null) {
            synchronized (this) {
                current = key;
                if (current == null) {
                    current = load(true);
                    key = current;
                }
            }
        }
        return current.clone();
    }

    private byte[] load(boolean mayCreate) {
        var secretId = settings.get(SETTING);
        if (secretId.isPresent()) {
            String encoded = secrets.get(secretId.get(), SecretStore.SYSTEM, OWNER, PURPOSE)
                    .orElseThrow(() -> new IllegalStateException(
                            "the JWT signing key (secret " + secretId.get() + ") is missing from the secret store"));
            return Base64.getDecoder().decode(encoded);
        }
        if (!mayCreate) {
            throw new IllegalStateException("the JWT signing key setting vanished");
        }
        byte[] fresh = TokenHashing.randomBytes(32);
        String id = secrets.put(
                SecretStore.SYSTEM, OWNER, PURPOSE, Base64.getEncoder().encodeToString(fresh));
        if (settings.putIfAbsent(SETTING, id)) {
            return fresh;
        }
        // Another instance stored its key first: use that one so tokens verify everywhere.
        secrets.delete(id, SecretStore.SYSTEM);
        return load(false);
    }
}
