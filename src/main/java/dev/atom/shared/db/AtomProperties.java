package dev.atom.shared.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Atom keeps its data ({@code ATOM_DATA_DIR}) and which database it uses ({@code ATOM_DB_URL},
 * {@code ATOM_DB_USER}, {@code ATOM_DB_PASSWORD}). A blank URL means the embedded SQLite file
 * {@code <data dir>/atom.db}.
 */
@ConfigurationProperties("atom")
public record AtomProperties(
        @DefaultValue("./data") Path dataDir, @DefaultValue Db db) {

    public record Db(String url, String user, String password) {}

    public String jdbcUrl() {
        if (db.url() != null && !db.url().isBlank()) {
            return db.url().trim();
        }
        return "jdbc:sqlite:" + dataDir.resolve("atom.db").toAbsolutePath().normalize();
    }
}
