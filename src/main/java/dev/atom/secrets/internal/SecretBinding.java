package dev.atom.secrets.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a ciphertext is bound to: its row id, workspace, owner and purpose. The associated data encodes
 * each field with its length, so ("a|b", "c") and ("a", "b|c") can never produce the same bytes.
 */
record SecretBinding(String id, String workspaceId, String owner, String purpose) {
    private static final String CONTEXT = "atom.secret.v1";

    byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : new String[] {CONTEXT, id, workspaceId, owner, purpose}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
