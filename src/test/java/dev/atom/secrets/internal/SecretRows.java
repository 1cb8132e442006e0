package dev.atom.secrets.internal;

import dev.atom.testing.TestDatabase;
import java.util.Set;

/** Reads and overwrites raw columns of the secrets table, to tamper with rows the way an attacker could. */
record SecretRows(TestDatabase db) {
    private static final Set<String> COLUMNS = Set.of("ciphertext", "owner", "purpose", "workspace_id");

    String ciphertext(String id) {
        return db.jdbc()
                .sql("SELECT ciphertext FROM secrets WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    void set(String id, String column, String value) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a secrets column: " + column);
        }
        db.jdbc()
                .sql("UPDATE secrets SET " + column + " = :value WHERE id = :id")
                .param("value", value)
                .param("id", id)
                .update();
    }
}
