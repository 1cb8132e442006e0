package dev.atom.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;

/**
 * The master keyset in use and its AEAD primitive. Every key of the keyset decrypts (Tink ciphertexts carry
 * the id of the key that made them); only the primary key encrypts. Thread-safe: a rotation swaps both at once.
 */
final class Keyring {
    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record State(KeysetHandle handle, Aead aead) {}

    private volatile State state;

    Keyring(KeysetHandle handle) {
        this.state = new State(handle, primitive(handle));
    }

    KeysetHandle handle() {
        return state.handle();
    }

    Aead aead() {
        return state.aead();
    }

    void replace(KeysetHandle handle) {
        this.state = new State(handle, primitive(handle));
    }

    static Aead primitive(KeysetHandle handle) {
        try {
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master keyset is not an AEAD keyset", e);
        }
    }
}
