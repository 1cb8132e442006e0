package dev.atom.connectors;

/**
 * What a call through {@link Connectors} named is unknown to Atom: a connection (or one the caller may not use,
 * {@link ConnectionNotUsable}), a connector, an action, or a trigger. Routes answer it with a plain 404, a run's
 * step fails naming it. A service's own "not found" is {@link ConnectorException.NotFound}, not this.
 */
public sealed class UnknownReference extends RuntimeException permits ConnectionNotUsable {
    /** What kind of thing was named. */
    public enum Kind {
        CONNECTION,
        CONNECTOR,
        ACTION,
        TRIGGER
    }

    private final Kind kind;

    protected UnknownReference(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** No such connection in the workspace. */
    public static UnknownReference connection() {
        return new UnknownReference(Kind.CONNECTION, "connection");
    }

    /** No connector {@code id} is registered. */
    public static UnknownReference connector(String id) {
        return new UnknownReference(Kind.CONNECTOR, "connector " + id);
    }

    /** No action {@code id}, or none the connection's connector has. */
    public static UnknownReference action(String id) {
        return new UnknownReference(Kind.ACTION, "action " + id);
    }

    /** No trigger {@code id}, or not one of the kind the caller needs. */
    public static UnknownReference trigger(String id, String why) {
        return new UnknownReference(Kind.TRIGGER, "trigger " + id + (why == null ? "" : " " + why));
    }

    public Kind kind() {
        return kind;
    }
}
