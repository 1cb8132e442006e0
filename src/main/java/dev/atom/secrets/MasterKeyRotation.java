package dev.atom.secrets;

/**
 * Master key rotation ({@code ./atom rotate-key}): adds a new primary key to the master keyset and
 * re-encrypts every secret's data key under it. Older keys stay in the keyset, so ciphertexts made before
 * (or concurrently by another instance) keep decrypting.
 */
public interface MasterKeyRotation {

    /** Rotates and returns how many secrets were re-encrypted. */
    int rotate();
}
