package dev.atom.secrets;

/**
 * A stored secret exists but does not decrypt: its ciphertext was altered, copied from another row, or
 * encrypted under a master key this installation no longer has. Never retriable; the message names the
 * secret id only, never a value.
 */
public class SecretDecryptionException extends RuntimeException {
    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
