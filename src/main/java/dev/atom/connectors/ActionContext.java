package dev.atom.connectors;

import java.time.Clock;
import java.util.Optional;

/**
 * Everything an action, health check or poll gets about the connection it runs on. Made per call by the
 * connections service; not shared between threads.
 */
public interface ActionContext {

    ConnectionRef connection();

    /** The connection's credentials, decrypted only when asked for. */
    Credentials credentials();

    /**
     * The HTTP client for this connection: every URL passes the SSRF guard, and calls share the connection's
     * rate limiter with every other caller (workflows, the assistant).
     */
    ServiceHttp http();

    /** The service's base URL (the connector's default or the operator's {@code ATOM_<ID>_BASE_URL}). */
    String baseUrl();

    /** The caller's idempotency key (run + step for the workflow engine), for services that accept one. */
    Optional<String> idempotencyKey();

    Clock clock();

    /**
     * The person the call acts for, when the caller knows one: the workflow run's owner for an action run
     * without a connection (such as {@code atom.briefing}, which answers for that person). Empty otherwise.
     */
    default Optional<String> actingUserId() {
        return Optional.empty();
    }
}
