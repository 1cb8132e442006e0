package dev.atom.identity.internal;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Small installation-wide values of the identity module, such as the secret id of the JWT signing key. */
@Repository
class SettingsRepository {
    private final JdbcClient jdbc;

    SettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> get(String name) {
        return jdbc.sql("SELECT value FROM identity_settings WHERE name = :name")
                .param("name", name)
                .query(String.class)
                .optional();
    }

    /** Stores a value unless one is there already; false when another instance was first. */
    boolean putIfAbsent(String name, String value) {
        return jdbc.sql("""
                        INSERT INTO identity_settings (name, value) VALUES (:name, :value)
                        ON CONFLICT (name) DO NOTHING""").param("name", name).param("value", value).update() == 1;
    }
}
