package dev.atom.connectors.internal;

import java.util.Locale;

/** Whether a connection works: connected, needs_reconnect (credentials refused) or error (anything else). */
enum ConnectionStatus {
    CONNECTED,
    NEEDS_RECONNECT,
    ERROR;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConnectionStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
