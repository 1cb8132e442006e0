package dev.atom.connectors;

import dev.atom.shared.net.GuardedHttpClient;

/**
 * HTTP for connectors: SSRF-guarded, rate-limited per connected account (the service's rate-limit headers and
 * Retry-After are honoured for every caller of the connection). A refused URL becomes {@link
 * ConnectorException.InvalidInput} on {@code urlField}; a transport failure (timeout, refused connection)
 * becomes {@link ConnectorException.Retriable}. Status codes are returned as they are: use {@link
 * #checked} to turn 401/403, 429, 4xx and 5xx into the matching exceptions.
 */
public interface ServiceHttp {

    GuardedHttpClient.Response send(GuardedHttpClient.Request request, String urlField);

    default GuardedHttpClient.Response send(GuardedHttpClient.Request request) {
        return send(request, "url");
    }

    /** The response when it is below 400; otherwise the exception that says what to do ({@link ServiceErrors}). */
    GuardedHttpClient.Response checked(GuardedHttpClient.Response response);
}
