package dev.atom.shared.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Jazzer feeds the guard hostile URLs and a hostile resolver (any name may resolve to any addresses, as a
 * rebinding DNS server would). The property: whatever the guard accepts resolves only to addresses that an
 * independent reference check considers public. Under {@code mvn test} this runs the seed corpus in
 * src/test/resources/dev/atom/shared/net/SsrfGuardFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SsrfGuardFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void noAcceptedUrlReachesAForbiddenAddress(FuzzedDataProvider data) throws UnknownHostException {
        byte[][] answers = new byte[1 + data.consumeInt(0, 2)][];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = data.consumeBytes(data.consumeBoolean() ? 4 : 16);
        }
        String url = data.consumeRemainingAsString();
        SsrfGuard guard = new SsrfGuard(List.of(), host -> {
            InetAddress[] out = new InetAddress[answers.length];
            for (int i = 0; i < answers.length; i++) {
                if (answers[i].length != 4 && answers[i].length != 16) {
                    throw new UnknownHostException(host);
                }
                out[i] = InetAddress.getByAddress(answers[i]);
            }
            return out;
        });
        SsrfGuard.Target target;
        try {
            target = guard.check(url);
        } catch (BlockedUrlException e) {
            return;
        }
        assertThat(target.scheme()).isIn("http", "https");
        for (InetAddress address : target.addresses()) {
            assertThat(referenceForbidden(address)).as(url + " -> " + address).isFalse();
        }
    }

    /** A second, simpler statement of the rules (CIDR table), so a bug in one is caught by the other. */
    static boolean referenceForbidden(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 16) {
            byte[] v4 = null;
            boolean zero10 = true;
            for (int i = 0; i < 10; i++) {
                zero10 &= b[i] == 0;
            }
            if (zero10 && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                v4 = new byte[] {b[12], b[13], b[14], b[15]};
            } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
                v4 = new byte[] {b[12], b[13], b[14], b[15]};
            } else if (b[0] == 0x20 && b[1] == 0x02) {
                v4 = new byte[] {b[2], b[3], b[4], b[5]};
            }
            if (v4 != null) {
                try {
                    return referenceForbidden(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return (b[0] & 0xfe) == 0xfc || (b[0] & 0xe0) != 0x20;
        }
        int x = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int[][] cidrs = {
            {0x00000000, 8},
            {0x0a000000, 8},
            {0x64400000, 10},
            {0x7f000000, 8},
            {0xa9fe0000, 16},
            {0xac100000, 12},
            {0xc0a80000, 16},
            {0xe0000000, 4},
            {0xf0000000, 4}
        };
        for (int[] c : cidrs) {
            int mask = c[1] == 0 ? 0 : -1 << (32 - c[1]);
            if ((x & mask) == (c[0] & mask)) {
                return true;
            }
        }
        return false;
    }
}
