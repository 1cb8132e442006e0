package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Credentials;
import java.util.Optional;

/** The credentials of an action run without a connection (a connector that needs no authentication). */
final class NoCredentials implements Credentials {

    @Override
    public Optional<String> get(String field) {
        return Optional.empty();
    }

    @Override
    public String accessToken() {
        throw new ConnectorException.NeedsReconnect("this action runs without a connection");
    }
}
