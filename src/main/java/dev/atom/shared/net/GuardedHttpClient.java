package dev.atom.shared.net;

import dev.atom.shared.net.BlockedUrlException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends requests to user-supplied URLs through the {@link SsrfGuard}: each hop's URL is checked, the
 * connection goes to the checked address (an {@link HttpHost} with a pinned {@link InetAddress}, while Host
 * and TLS SNI carry the name), redirects are followed here (at most {@value #MAX_REDIRECTS}, each checked
 * again), and the body read is capped. The client's own DNS resolver refuses every lookup, so no second
 * resolution can happen behind the guard's back. Thread-safe; one instance per application.
 */
public final class GuardedHttpClient implements AutoCloseable {
    public static final int MAX_REDIRECTS = 5;
    /** Headers a caller may not set: the client owns framing and the Host that matches the pinned address. */
    private static final Set<String> RESTRICTED =
            Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "keep-alive");

    /**
     * One request. {@code headers} may repeat names; {@code body} may be null. {@code maxBytes} caps the
     * response body read; the rest is dropped and {@link Response#truncated()} is set.
     */
    public record Request(
            String method,
            String url,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            Duration timeout,
            int maxBytes,
            boolean followRedirects) {
        public Request {
            Objects.requireNonNull(method);
            Objects.requireNonNull(url);
            headers = headers == null ? List.of() : List.copyOf(headers);
        }

        public static Request get(String url) {
            return new Request("GET", url, List.of(), null, Duration.ofSeconds(30), 1 << 20, true);
        }
    }

    /** A response: header names in lower case, each with its values in order. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated, URI url) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    private final SsrfGuard guard;
    private final CloseableHttpClient client;

    public GuardedHttpClient(SsrfGuard guard, Duration connectTimeout) {
        this.guard = guard;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new NoLookups())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .build())
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(20)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Atom")
                .build();
    }

    public SsrfGuard guard() {
        return guard;
    }

    /** Sends {@code request}, following redirects when asked; every hop passes the guard first. */
    public Response send(Request request) throws BlockedUrlException, IOException {
        String method = request.method().toUpperCase(Locale.ROOT);
        byte[] body = request.body();
        List<Map.Entry<String, String>> headers = request.headers();
        SsrfGuard.Target target = guard.check(request.url());
        for (int hop = 0; ; hop++) {
            Response response = once(target, method, headers, body, request);
            String location = response.header("location");
            if (!request.followRedirects() || location == null || !isRedirect(response.status())) {
                return response;
            }
            if (hop == MAX_REDIRECTS) {
                throw new BlockedUrlException(
                        Reason.TOO_MANY_REDIRECTS, "redirects more than " + MAX_REDIRECTS + " times");
            }
            URI next;
            try {
                next = target.uri().resolve(new URI(location.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new BlockedUrlException(Reason.MALFORMED, "redirects to an invalid URL");
            }
            SsrfGuard.Target nextTarget = guard.check(next);
            if (response.status() == 303
                    || ((response.status() == 301 || response.status() == 302) && !method.equals("HEAD"))) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    method = "GET";
                    body = null;
                    headers = headers.stream()
                            .filter(h -> !h.getKey().equalsIgnoreCase("content-type"))
                            .toList();
                }
            }
            if (!sameOrigin(target, nextTarget)) {
                // credentials meant for one origin never follow a redirect to another
                headers = headers.stream()
                        .filter(h -> !h.getKey().equalsIgnoreCase("authorization")
                                && !h.getKey().equalsIgnoreCase("cookie"))
                        .toList();
            }
            target = nextTarget;
        }
    }

    private Response once(
            SsrfGuard.Target target,
            String method,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            Request request)
            throws IOException {
        HttpHost host = new HttpHost(target.scheme(), target.address(), target.host(), target.port());
        BasicClassicHttpRequest message = new BasicClassicHttpRequest(method, host, target.pathAndQuery());
        for (Map.Entry<String, String> h : headers) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                message.addHeader(h.getKey(), h.getValue());
            }
        }
        if (body != null) {
            message.setEntity(new ByteArrayEntity(body, null));
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(request.timeout()))
                .setConnectionRequestTimeout(Timeout.of(request.timeout()))
                .setRedirectsEnabled(false)
                .build());
        try (ClassicHttpResponse response = client.executeOpen(host, message, context)) {
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            for (Header h : response.getHeaders()) {
                responseHeaders
                        .computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.getValue());
            }
            byte[] content = new byte[0];
            boolean truncated = false;
            if (response.getEntity() != null) {
                try (InputStream in = response.getEntity().getContent()) {
                    byte[] read = in.readNBytes(request.maxBytes() + 1);
                    truncated = read.length > request.maxBytes();
                    content = truncated ? java.util.Arrays.copyOf(read, request.maxBytes()) : read;
                }
            }
            return new Response(response.getCode(), Map.copyOf(responseHeaders), content, truncated, target.uri());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(SsrfGuard.Target a, SsrfGuard.Target b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Every connection names its address explicitly; a lookup here would bypass the guard. */
    private static final class NoLookups implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("lookups happen only in the SSRF guard");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("lookups happen only in the SSRF guard");
        }
    }
}
