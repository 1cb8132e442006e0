package dev.atom.shared.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.shared.net.BlockedUrlException.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard against a table of hostile URLs, with a fake resolver (no test touches real DNS). */
class SsrfGuardTest {
    /** Names the fake DNS knows; everything else does not resolve. */
    private static final Map<String, String> DNS = Map.of(
            "public.example", "93.184.216.34",
            "rebind.example", "127.0.0.1",
            "metadata.example", "169.254.169.254",
            "v6private.example", "fd00::1",
            "mapped.example", "::ffff:10.0.0.1",
            "internal.corp", "10.1.2.3");

    static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(ip)};
    }

    private final SsrfGuard guard = new SsrfGuard(List.of(), SsrfGuardTest::resolve);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://127.0.0.1:8080/admin",
                "http://127.1/",
                "http://127.0.1/",
                "http://0177.0.0.1/",
                "http://0x7f.1/",
                "http://0x7f000001/",
                "http://2130706433/",
                "http://017700000001/",
                "http://127.0.0.1./",
                "http://localhost/",
                "http://LOCALHOST./",
                "http://foo.localhost/",
                "http://0.0.0.0/",
                "http://0/",
                "http://[::]/",
                "http://[::1]/",
                "http://[0:0:0:0:0:0:0:1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://[::127.0.0.1]/",
                "http://[64:ff9b::127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[64:ff9b:1::1]/",
                "http://[2002:7f00:1::]/",
                "http://[2001:0::1]/",
                "http://[fe80::1]/",
                "http://[fd00::1]/",
                "http://[fc00::1]/",
                "http://[ff02::1]/",
                "http://169.254.169.254/latest/meta-data/",
                "http://169.254.0.1/",
                "http://0xa9fea9fe/",
                "http://2852039166/",
                "http://10.0.0.1/",
                "http://10.255.255.255/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.1.1/",
                "http://100.64.0.1/",
                "http://100.127.255.254/",
                "http://224.0.0.1/",
                "http://239.255.255.250/",
                "http://255.255.255.255/",
                "http://240.0.0.1/",
                "https://rebind.example/",
                "http://metadata.example/",
                "http://v6private.example/",
                "http://mapped.example/",
                "http://internal.corp/"
            })
    void refusesInternalAddressesInAnyNotation(String url) {
        assertThatThrownBy(() -> guard.check(url))
                .as(url)
                .isInstanceOf(BlockedUrlException.class)
                .extracting(e -> ((BlockedUrlException) e).reason())
                .isEqualTo(Reason.FORBIDDEN_ADDRESS);
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://public.example/, SCHEME",
        "file:///etc/passwd, SCHEME",
        "gopher://public.example/, SCHEME",
        "javascript:alert(1), SCHEME",
        "//public.example/, SCHEME",
        "http://evil@127.0.0.1/, USERINFO",
        "http://user:pass@public.example/, USERINFO",
        "http://public.example@127.0.0.1/, USERINFO",
        "http://127.0.0.1%2523@public.example/, USERINFO",
        "http:///path, HOST",
        "http://[::1/, MALFORMED",
        "http://public.example:0/, MALFORMED",
        "http://public.example:99999/, MALFORMED",
        "http://public.example:80a/, MALFORMED",
        "http://pub%6cic.example/, HOST",
        "http://[fe80::1%25eth0]/, HOST",
        "http://no-such-host.example/, UNRESOLVED",
        "'', MALFORMED",
        "not a url, MALFORMED"
    })
    void refusesWhatIsNotAPlainHttpUrl(String url, Reason reason) {
        assertThatThrownBy(() -> guard.check(url))
                .as(url)
                .isInstanceOf(BlockedUrlException.class)
                .extracting(e -> ((BlockedUrlException) e).reason())
                .isEqualTo(reason);
    }

    @Test
    void allowsPublicHostsAndPinsTheResolvedAddress() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard counting = new SsrfGuard(List.of(), host -> {
            lookups.incrementAndGet();
            return resolve(host);
        });
        SsrfGuard.Target target = counting.check("HTTPS://Public.Example.:8443/a/b?c=d#frag");
        assertThat(target.scheme()).isEqualTo("https");
        assertThat(target.host()).isEqualTo("public.example");
        assertThat(target.port()).isEqualTo(8443);
        assertThat(target.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(target.pathAndQuery()).isEqualTo("/a/b?c=d");
        assertThat(lookups).hasValue(1);
        assertThat(guard.check("http://93.184.216.34").pathAndQuery()).isEqualTo("/");
        assertThat(guard.check("http://[2606:2800:220:1:248:1893:25c8:1946]/").port())
                .isEqualTo(80);
    }

    @Test
    void anOperatorCanAllowInternalHostsByNameOrNameAndPort() throws Exception {
        SsrfGuard allowing = new SsrfGuard(
                List.of(" internal.corp ", "localhost:8080", "127.0.0.1", "[::1]:9000"), SsrfGuardTest::resolve);
        assertThat(allowing.check("http://internal.corp/x").address().getHostAddress())
                .isEqualTo("10.1.2.3");
        assertThat(allowing.check("http://127.0.0.1:1234/").port()).isEqualTo(1234);
        assertThat(allowing.check("http://0x7f.0.0.1/").address().getHostAddress())
                .isEqualTo("127.0.0.1");
        assertThat(allowing.check("http://[::1]:9000/").port()).isEqualTo(9000);
        assertThatThrownBy(() -> allowing.check("http://[::1]:9001/")).isInstanceOf(BlockedUrlException.class);
        assertThatThrownBy(() -> allowing.check("http://127.0.0.2/")).isInstanceOf(BlockedUrlException.class);
        assertThatThrownBy(() -> allowing.check("http://rebind.example/")).isInstanceOf(BlockedUrlException.class);
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsInternal() {
        SsrfGuard mixed = new SsrfGuard(List.of(), host ->
                new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")});
        assertThatThrownBy(() -> mixed.check("http://mixed.example/")).isInstanceOf(BlockedUrlException.class);
    }

    @Test
    void readsIpv4LiteralsLikeInetAton() throws Exception {
        assertThat(Addresses.literal("127.1").orElseThrow().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(Addresses.literal("0x7f.0x0.0.01").orElseThrow().getHostAddress())
                .isEqualTo("127.0.0.1");
        assertThat(Addresses.literal("10.0.258").orElseThrow().getHostAddress()).isEqualTo("10.0.1.2");
        assertThat(Addresses.literal("4294967295").orElseThrow().getHostAddress())
                .isEqualTo("255.255.255.255");
        assertThat(Addresses.literal("4294967296")).isEmpty();
        assertThat(Addresses.literal("1.2.3.4.5")).isEmpty();
        assertThat(Addresses.literal("-1.2.3.4")).isEmpty();
        assertThat(Addresses.literal("08.1.1.1")).isEmpty();
        assertThat(Addresses.literal("example.com")).isEmpty();
        assertThat(Addresses.isForbidden(InetAddress.getByName("8.8.8.8"))).isFalse();
        assertThat(Addresses.isForbidden(InetAddress.getByName("2a00:1450:4001::1")))
                .isFalse();
        assertThat(Addresses.isForbidden(InetAddress.getByName("64:ff9b::8.8.8.8")))
                .isFalse();
    }
}
