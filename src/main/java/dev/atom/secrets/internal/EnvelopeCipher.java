package dev.atom.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Envelope encryption: every value gets a fresh 256-bit data key (AES-GCM); the data key is wrapped by the
 * master keyset (the key-encryption key, a Tink AES256-GCM keyset whose ciphertexts name the key that made
 * them, so older keys keep decrypting after a rotation). Both layers take the row's associated data.
 *
 * <p>Layout: {@code version(1) | wrappedKeyLength(4) | wrappedKey | payload}. Rotation re-wraps only the
 * data key and leaves the payload untouched. Stateless and thread-safe.
 */
final class EnvelopeCipher {
    private static final byte VERSION = 1;
    private static final int DATA_KEY_BYTES = 32;
    private static final byte[] WRAP_CONTEXT = "atom.dek.v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvelopeCipher() {}

    static byte[] encrypt(Aead masterKey, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] wrapped = masterKey.encrypt(dataKey, wrapAd(associatedData));
            byte[] payload = new AesGcmJce(dataKey).encrypt(plaintext, associatedData);
            return assemble(wrapped, payload);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    static byte[] decrypt(Aead masterKey, byte[] envelope, byte[] associatedData) throws GeneralSecurityException {
        Parts parts = parse(envelope);
        byte[] dataKey = masterKey.decrypt(parts.wrappedKey(), wrapAd(associatedData));
        try {
            return new AesGcmJce(dataKey).decrypt(parts.payload(), associatedData);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Unwraps the data key with {@code oldKey} and wraps it again with {@code newKey}'s primary key. */
    static byte[] rewrap(Aead oldKey, Aead newKey, byte[] envelope, byte[] associatedData)
            throws GeneralSecurityException {
        Parts parts = parse(envelope);
        byte[] ad = wrapAd(associatedData);
        byte[] dataKey = oldKey.decrypt(parts.wrappedKey(), ad);
        try {
            // a data key that does not open its payload means a tampered row: refuse to re-seal it
            new AesGcmJce(dataKey).decrypt(parts.payload(), associatedData);
            return assemble(newKey.encrypt(dataKey, ad), parts.payload());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private record Parts(byte[] wrappedKey, byte[] payload) {}

    private static byte[] assemble(byte[] wrapped, byte[] payload) {
        return ByteBuffer.allocate(1 + 4 + wrapped.length + payload.length)
                .put(VERSION)
                .putInt(wrapped.length)
                .put(wrapped)
                .put(payload)
                .array();
    }

    private static Parts parse(byte[] envelope) throws GeneralSecurityException {
        if (envelope.length < 5 || envelope[0] != VERSION) {
            throw new GeneralSecurityException("not an Atom secret envelope");
        }
        ByteBuffer buffer = ByteBuffer.wrap(envelope, 1, envelope.length - 1);
        int wrappedLength = buffer.getInt();
        if (wrappedLength <= 0 || wrappedLength > buffer.remaining()) {
            throw new GeneralSecurityException("corrupt Atom secret envelope");
        }
        byte[] wrapped = new byte[wrappedLength];
        buffer.get(wrapped);
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return new Parts(wrapped, payload);
    }

    private static byte[] wrapAd(byte[] associatedData) {
        byte[] ad = Arrays.copyOf(WRAP_CONTEXT, WRAP_CONTEXT.length + associatedData.length);
        System.arraycopy(associatedData, 0, ad, WRAP_CONTEXT.length, associatedData.length);
        return ad;
    }
}
