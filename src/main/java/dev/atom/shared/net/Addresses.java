package dev.atom.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address rules and literal parsing for the {@link SsrfGuard}. Literals are read the way the C library's
 * {@code inet_aton} reads them (so {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1} and {@code 127.1}
 * all mean 127.0.0.1), which is what a resolver would turn them into anyway. Stateless.
 */
public final class Addresses {
    private Addresses() {}

    /**
     * True for every address a user-supplied URL must not reach: loopback, unspecified, private, shared
     * (CGNAT), link-local, multicast, broadcast, reserved and documentation ranges, and the IPv6 forms that
     * embed one of those (IPv4-mapped, IPv4-compatible, NAT64, 6to4). IPv6 outside 2000::/3 is refused.
     */
    public static boolean isForbidden(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? forbiddenV4(b, 0) : forbiddenV6(b);
    }

    private static boolean forbiddenV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        return a0 == 0 // "this network", 0.0.0.0
                || a0 == 10 // private
                || a0 == 127 // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // shared address space (CGNAT)
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31) // private
                || (a0 == 192 && a1 == 168) // private
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF assignments, TEST-NET-1
                || (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
                || a0 >= 224; // multicast, reserved, broadcast
    }

    private static boolean forbiddenV6(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return forbiddenV4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            return true; // ::/96: unspecified, loopback, deprecated IPv4-compatible
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            boolean wellKnown = true; // 64:ff9b::/96 embeds the IPv4 address; 64:ff9b:1::/48 is local use
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            return !wellKnown || forbiddenV4(b, 12);
        }
        if (w0 == 0x2002) {
            return forbiddenV4(b, 2); // 6to4 embeds the IPv4 address
        }
        if (w0 == 0x2001 && (w1 == 0x0000 || w1 == 0x0db8)) {
            return true; // Teredo (embeds an obfuscated IPv4 address), documentation
        }
        if (w0 == 0x2001 && w1 < 0x0200) {
            return true; // IETF protocol assignments (2001::/23)
        }
        return (b[0] & 0xe0) != 0x20; // outside global unicast 2000::/3: ULA, link-local, multicast, reserved
    }

    /**
     * The address a host text denotes when it is a literal: an IPv6 literal (brackets optional) or an IPv4
     * literal in any {@code inet_aton} notation (1 to 4 parts, each decimal, octal with a leading 0, or hex
     * with 0x). Empty when the text is a name (or not a valid literal).
     */
    public static Optional<InetAddress> literal(String host) {
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            return ipv6(h);
        }
        return ipv4(h);
    }

    private static Optional<InetAddress> ipv6(String h) {
        int zone = h.indexOf('%');
        String bare = zone >= 0 ? h.substring(0, zone) : h;
        if (!bare.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            // a literal: InetAddress parses it without any lookup
            return Optional.of(InetAddress.getByName("[" + bare + "]"));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String h) {
        if (h.isEmpty() || h.endsWith(".") || h.startsWith(".")) {
            return Optional.empty();
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return Optional.empty();
            }
            values[i] = v;
        }
        long last = values[parts.length - 1];
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        int lastBits = 32 - 8 * (parts.length - 1);
        if (last >= (1L << lastBits)) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Long number(String part) {
        if (part.isEmpty() || part.length() > 12) {
            return null;
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            String hex = part.substring(2);
            return hex.isEmpty() ? Long.valueOf(0) : hex.matches("[0-9a-fA-F]+") ? Long.parseLong(hex, 16) : null;
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return part.matches("[0-7]+") ? Long.parseLong(part, 8) : null;
        }
        return part.matches("[0-9]+") ? Long.parseLong(part, 10) : null;
    }
}
