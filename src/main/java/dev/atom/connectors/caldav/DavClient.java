package dev.atom.connectors.caldav;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.shared.net.BlockedUrlException;
import dev.atom.shared.net.GuardedHttpClient;
import dev.atom.shared.net.SsrfGuard;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WebDAV/CalDAV requests for one call on one connection: Basic authentication, sent through the connection's
 * {@link dev.atom.connectors.ServiceHttp} (SSRF guard, rate limit). Redirects are followed here with the
 * method kept (the guarded client turns a redirected PROPFIND into a GET) and credentials only to the same
 * origin. Not thread-safe; one per call.
 */
final class DavClient {
    static final int MAX_BYTES = 16 << 20;
    private static final String XML = "application/xml; charset=utf-8";
    private final ActionContext context;
    private final SsrfGuard guard;
    private final URI server;
    private final String authorization;

    DavClient(ActionContext context, SsrfGuard guard) {
        this.context = context;
        this.guard = guard;
        this.server = serverUri(context.credentials().require(CalDavConnector.SERVER_URL));
        String user = context.credentials().require(CalDavConnector.USERNAME);
        String password = context.credentials().require(CalDavConnector.PASSWORD);
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    URI server() {
        return server;
    }

    GuardedHttpClient.Response propfind(URI url, int depth, String body, String field) {
        return send("PROPFIND", url, List.of(Map.entry("Depth", String.valueOf(depth))), body, XML, field);
    }

    GuardedHttpClient.Response report(URI url, int depth, String body, String field) {
        return send("REPORT", url, List.of(Map.entry("Depth", String.valueOf(depth))), body, XML, field);
    }

    /**
     * Sends one request, following up to five redirects with the same method; the answer is returned as it is
     * (the caller decides what a 404 or 412 means, then calls {@link #checked}).
     */
    GuardedHttpClient.Response send(
            String method, URI url, List<Map.Entry<String, String>> headers, String body, String type, String field) {
        URI target = url;
        for (int hop = 0; ; hop++) {
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            if (sameOrigin(target, server) || sameOrigin(target, url)) {
                all.add(Map.entry("Authorization", authorization));
            }
            if (body != null) {
                all.add(Map.entry("Content-Type", type));
            }
            var request = new GuardedHttpClient.Request(
                    method,
                    target.toString(),
                    all,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(30),
                    MAX_BYTES,
                    false);
            var response = context.http().send(request, field);
            int status = response.status();
            String location = response.header("location");
            if (location == null || !(status == 301 || status == 302 || status == 307 || status == 308) || hop == 5) {
                return response;
            }
            try {
                target = target.resolve(new URI(location.strip()));
            } catch (URISyntaxException e) {
                throw new ConnectorException.Permanent(0, "the CalDAV server redirected to an invalid URL");
            }
        }
    }

    /** The response when below 400, else the matching exception (401 needs reconnect, 429/5xx retriable). */
    GuardedHttpClient.Response checked(GuardedHttpClient.Response response) {
        return context.http().checked(response);
    }

    /** A href or URL from the server or the user, resolved against the server URL. */
    URI resolve(String hrefOrUrl, String field) {
        try {
            return server.resolve(new URI(hrefOrUrl.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ConnectorException.InvalidInput(field, "is not a URL or path");
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * The server URL: https, or http only to a host an operator allowed inside the network (the password would
     * otherwise cross the internet in clear).
     */
    private URI serverUri(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConnectorException.NeedsReconnect("the credential 'server_url' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            try {
                SsrfGuard.Target target = guard.check(uri);
                if (!dev.atom.shared.net.Addresses.isForbidden(target.address())) {
                    throw new ConnectorException.NeedsReconnect(
                            "the credential 'server_url' must start with https:// (plain http only inside the network)");
                }
            } catch (BlockedUrlException e) {
                throw new ConnectorException.NeedsReconnect("the CalDAV server URL is refused: " + e.getMessage());
            }
        } else if (!scheme.equals("https")) {
            throw new ConnectorException.NeedsReconnect("the credential 'server_url' must start with https://");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.resolve(path.endsWith("/") ? path : path + "/");
    }
}
