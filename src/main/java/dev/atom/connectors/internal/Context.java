package dev.atom.connectors.internal;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectionRef;
import dev.atom.connectors.Credentials;
import dev.atom.connectors.ServiceHttp;
import java.time.Clock;
import java.util.Optional;

/** The {@link ActionContext} of one call; {@code actingUserId} is empty unless the caller named one. */
record Context(
        ConnectionRef connection,
        Credentials credentials,
        ServiceHttp http,
        String baseUrl,
        Optional<String> idempotencyKey,
        Clock clock,
        Optional<String> actingUserId)
        implements ActionContext {}
