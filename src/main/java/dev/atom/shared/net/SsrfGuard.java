package dev.atom.shared.net;

import dev.atom.shared.net.BlockedUrlException.Reason;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one gate for every outgoing request to a user-supplied URL. Only http and https; no user info; the host
 * is read from the raw authority (not re-parsed by anyone else), an IP literal in any notation is decoded,
 * and a name is resolved exactly once. Every resulting address must be public ({@link Addresses#isForbidden})
 * unless an operator allowed the host in {@code ATOM_HTTP_ALLOW_HOSTS}. The returned {@link Target} carries the
 * checked addresses: {@link GuardedHttpClient} connects to them, so a second DNS answer (rebinding) can never
 * be used. Thread-safe (immutable).
 */
public final class SsrfGuard {
    /** Name resolution, replaceable in tests; the default asks the system resolver. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * A checked URL: the host as written (lower case, no trailing dot), the port, the addresses it resolved to
     * (the first is the one to connect to) and the path with query to request.
     */
    public record Target(URI uri, String scheme, String host, int port, List<InetAddress> addresses) {
        public InetAddress address() {
            return addresses.getFirst();
        }

        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    private static final String ALLOW_HINT = "an administrator can allow it with ATOM_HTTP_ALLOW_HOSTS";
    private final Set<String> allowed;
    private final Resolver resolver;

    public SsrfGuard(Collection<String> allowHosts, Resolver resolver) {
        this.allowed = allowHosts.stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** A guard for {@code allowHosts} (comma-separated host or host:port) with the system resolver. */
    public static SsrfGuard of(String allowHosts) {
        return new SsrfGuard(
                Arrays.asList(allowHosts == null ? new String[0] : allowHosts.split(",")), InetAddress::getAllByName);
    }

    public Target check(String url) throws BlockedUrlException {
        if (url == null || url.isBlank()) {
            throw new BlockedUrlException(Reason.MALFORMED, "must be a URL");
        }
        try {
            return check(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new BlockedUrlException(Reason.MALFORMED, "must be a valid URL");
        }
    }

    public Target check(URI uri) throws BlockedUrlException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedUrlException(Reason.SCHEME, "must start with http:// or https://");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new BlockedUrlException(Reason.HOST, "must name a host");
        }
        if (authority.contains("@") || uri.getRawUserInfo() != null) {
            throw new BlockedUrlException(Reason.USERINFO, "must not contain a user name or password");
        }
        String hostText;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new BlockedUrlException(Reason.HOST, "must name a valid host");
            }
            hostText = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new BlockedUrlException(Reason.HOST, "must name a valid host");
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostText = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = port(scheme, portText);
        String host = normalise(hostText);
        Optional<InetAddress> literal = Addresses.literal(host);
        boolean isAllowed = isAllowed(host, port)
                || literal.map(a -> isAllowed(a.getHostAddress(), port)).orElse(false);
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            if (!host.matches("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*")) {
                throw new BlockedUrlException(Reason.HOST, "must name a valid host");
            }
            if (!isAllowed && (host.equals("localhost") || host.endsWith(".localhost"))) {
                throw new BlockedUrlException(Reason.FORBIDDEN_ADDRESS, "points to this server itself; " + ALLOW_HINT);
            }
            try {
                addresses = List.of(resolver.resolve(host));
            } catch (UnknownHostException e) {
                throw new BlockedUrlException(Reason.UNRESOLVED, "names a host that does not resolve");
            }
            if (addresses.isEmpty()) {
                throw new BlockedUrlException(Reason.UNRESOLVED, "names a host that does not resolve");
            }
        }
        if (!isAllowed && addresses.stream().anyMatch(Addresses::isForbidden)) {
            throw new BlockedUrlException(
                    Reason.FORBIDDEN_ADDRESS, "points to a local or private network address; " + ALLOW_HINT);
        }
        return new Target(uri, scheme, host, port, addresses);
    }

    private static String normalise(String hostText) throws BlockedUrlException {
        String host = hostText.toLowerCase(Locale.ROOT);
        if (host.contains("%")) {
            // no percent-encoded host names, no IPv6 zone ids: nothing that decodes differently elsewhere
            throw new BlockedUrlException(Reason.HOST, "must name a valid host");
        }
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
            if (host.isEmpty() || !host.matches("[0-9a-f:.]+")) {
                throw new BlockedUrlException(Reason.HOST, "must name a valid host");
            }
            return host;
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 253 || host.contains(":")) {
            throw new BlockedUrlException(Reason.HOST, "must name a valid host");
        }
        return host;
    }

    private static int port(String scheme, String text) throws BlockedUrlException {
        if (text == null || text.isEmpty()) {
            return scheme.equals("https") ? 443 : 80;
        }
        if (!text.matches("[0-9]{1,5}")) {
            throw new BlockedUrlException(Reason.MALFORMED, "has an invalid port");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new BlockedUrlException(Reason.MALFORMED, "has an invalid port");
        }
        return port;
    }

    private boolean isAllowed(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return allowed.contains(host) || allowed.contains(h) || allowed.contains(h + ":" + port);
    }
}
