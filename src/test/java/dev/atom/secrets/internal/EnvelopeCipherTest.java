package dev.atom.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {
    private final Aead master = Keyring.primitive(MasterKeySource.newKeyset());
    private final SecretBinding binding = new SecretBinding("id1", "ws1", "ai_key:1", "api-key");

    @Test
    void decryptsOnlyWithTheSameBinding() throws Exception {
        byte[] envelope = EnvelopeCipher.encrypt(master, bytes("value"), binding.associatedData());
        assertThat(EnvelopeCipher.decrypt(master, envelope, binding.associatedData()))
                .isEqualTo(bytes("value"));

        for (SecretBinding other : List.of(
                new SecretBinding("id2", "ws1", "ai_key:1", "api-key"),
                new SecretBinding("id1", "ws2", "ai_key:1", "api-key"),
                new SecretBinding("id1", "ws1", "ai_key:2", "api-key"),
                new SecretBinding("id1", "ws1", "ai_key:1", "oauth-refresh-token"))) {
            assertThatThrownBy(() -> EnvelopeCipher.decrypt(master, envelope, other.associatedData()))
                    .as("%s", other)
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void anotherMasterKeyCannotOpenTheDataKey() throws Exception {
        byte[] envelope = EnvelopeCipher.encrypt(master, bytes("value"), binding.associatedData());
        Aead other = Keyring.primitive(MasterKeySource.newKeyset());
        assertThatThrownBy(() -> EnvelopeCipher.decrypt(other, envelope, binding.associatedData()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void truncatedOrForeignBytesAreRejected() {
        for (byte[] junk : new byte[][] {{}, {1}, {1, 0, 0, 0, 9, 1, 2}, {2, 0, 0, 0, 1, 1}, bytes("plain text")}) {
            assertThatThrownBy(() -> EnvelopeCipher.decrypt(master, junk, binding.associatedData()))
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void theAssociatedDataIsUnambiguous() {
        assertThat(new SecretBinding("a", "b", "c|d", "e").associatedData())
                .isNotEqualTo(new SecretBinding("a", "b", "c", "d|e").associatedData());
        assertThat(new SecretBinding("a", "b", "cd", "").associatedData())
                .isNotEqualTo(new SecretBinding("a", "b", "c", "d").associatedData());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
