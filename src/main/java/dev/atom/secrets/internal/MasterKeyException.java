package dev.atom.secrets.internal;

/**
 * Atom cannot use its master key (missing, malformed or not the key the database was encrypted with) and
 * refuses to start. {@link MasterKeyFailureAnalyzer} prints {@code description} and {@code action} as Spring
 * Boot's "APPLICATION FAILED TO START" report.
 */
class MasterKeyException extends RuntimeException {
    private final String description;
    private final String action;

    MasterKeyException(String description, String action, Throwable cause) {
        super(description + " " + action, cause);
        this.description = description;
        this.action = action;
    }

    String description() {
        return description;
    }

    String action() {
        return action;
    }
}
