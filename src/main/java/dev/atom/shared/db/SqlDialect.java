package dev.atom.shared.db;

/**
 * The two databases Atom runs on. Every SQL difference between them is decided here, so repositories stay
 * one class with one set of statements.
 */
public enum SqlDialect {
    SQLITE,
    POSTGRESQL;

    public static SqlDialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "ATOM_DB_URL must start with jdbc:sqlite: or jdbc:postgresql: (got '" + redact(url) + "')");
    }

    /** Case-insensitive substring match: SQLite's LIKE is already case-insensitive for ASCII. */
    public String containsIgnoreCase(String column, String param) {
        return switch (this) {
            case SQLITE -> column + " LIKE '%' || :" + param + " || '%' ESCAPE '\\'";
            case POSTGRESQL -> column + " ILIKE '%' || :" + param + " || '%' ESCAPE '\\'";
        };
    }

    /** Escapes LIKE wildcards in user text so "50%" searches for a literal percent sign. */
    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }
}
