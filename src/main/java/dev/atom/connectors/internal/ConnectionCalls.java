package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;

/** The short codes a failed call is recorded with: the kind of failure, never the service's words. */
final class ConnectionCalls {
    private ConnectionCalls() {}

    static String code(ConnectorException e) {
        return switch (e) {
            case ConnectorException.InvalidInput i -> "invalid_input";
            case ConnectorException.NeedsReconnect r -> "needs_reconnect";
            case ConnectorException.Retriable r -> r.status() == 429 ? "rate_limited" : "service_unavailable";
            case ConnectorException.Permanent p -> "service_error";
        };
    }
}
