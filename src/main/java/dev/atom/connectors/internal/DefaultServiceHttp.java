package dev.atom.connectors.internal;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.ServiceErrors;
import dev.atom.connectors.ServiceHttp;
import dev.atom.shared.net.BlockedUrlException;
import dev.atom.shared.net.GuardedHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;

/** {@link ServiceHttp} for one connection: its rate limiter around the guarded client. Thread-safe. */
final class DefaultServiceHttp implements ServiceHttp {
    private final GuardedHttpClient client;
    private final RateLimiters.Limiter limiter;
    private final Clock clock;

    DefaultServiceHttp(GuardedHttpClient client, RateLimiters.Limiter limiter, Clock clock) {
        this.client = client;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public GuardedHttpClient.Response send(GuardedHttpClient.Request request, String urlField) {
        limiter.acquire();
        GuardedHttpClient.Response response;
        try {
            response = client.send(request);
        } catch (BlockedUrlException e) {
            if (e.reason() == BlockedUrlException.Reason.TOO_MANY_REDIRECTS) {
                throw new ConnectorException.Permanent(0, "the service " + e.getMessage());
            }
            throw new ConnectorException.InvalidInput(urlField, e.getMessage());
        } catch (InterruptedIOException e) {
            throw new ConnectorException.Retriable(0, "the service did not answer in time", null);
        } catch (IOException e) {
            throw new ConnectorException.Retriable(0, "could not reach the service", null);
        }
        limiter.observe(response);
        return response;
    }

    @Override
    public GuardedHttpClient.Response checked(GuardedHttpClient.Response response) {
        ServiceErrors.raise(response, clock.instant());
        return response;
    }
}
