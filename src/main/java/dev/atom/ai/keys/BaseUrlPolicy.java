package dev.atom.ai.keys;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether a user-supplied base URL may be called. A key's base URL is fetched by the server, so without
 * this check any member could make Atom call its own network: loopback, private, link-local (cloud metadata at
 * 169.254.169.254) and unique-local hosts are refused unless an operator listed them in {@code
 * ATOM_HTTP_ALLOW_HOSTS} ({@code atom.http.allow-hosts}: comma-separated {@code host} or {@code host:port}).
 * Host names are resolved once, here; a host that does not resolve is accepted (the call will fail as
 * unreachable). Kept small and in one class on purpose: issue 4 replaces it with the shared SSRF guard, which
 * also checks the address at connect time (against DNS rebinding). Thread-safe (immutable).
 */
@Component
class BaseUrlPolicy {
    private final Set<String> allowed;

    BaseUrlPolicy(@Value("${atom.http.allow-hosts:}") String allowHosts) {
        this.allowed = Arrays.stream(allowHosts.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What is wrong with {@code text} as a base URL, or empty when it may be used. */
    Optional<String> problem(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.of("must be a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain a user name or password");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must not have a query or fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (isAllowed(host, port) || !isInternal(host)) {
            return Optional.empty();
        }
        return Optional.of("points to a local or private network address; an administrator can allow it with"
                + " ATOM_HTTP_ALLOW_HOSTS");
    }

    private boolean isAllowed(String host, int port) {
        return allowed.contains(host)
                || allowed.contains(host + ":" + port)
                || allowed.contains("[" + host + "]")
                || allowed.contains("[" + host + "]:" + port);
    }

    private static boolean isInternal(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 // 0.0.0.0/8 "this network"
                || (first == 100 && second >= 64 && second <= 127); // 100.64.0.0/10 carrier-grade NAT
    }
}
