import dev.atom.assistant.offline.IntentParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline parser's latency per request over the evaluation set: every text parsed once cold (a fresh JVM,
 * as the first quick-add keystroke after start-up), then for {@code -Dseconds} warm, each parse timed alone on the
 * wall clock, and 200 rounds on the thread's CPU clock.
 */
public class ParseBench {
    public static void main(String[] args) throws Exception {
        Path set = Path.of(args.length > 0 ? args[0] : "src/test/resources/assistant/offline-eval.jsonl");
        JsonMapper json = JsonMapper.builder().build();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(set)) {
            if (!line.isBlank()) {
                texts.add(json.readTree(line).get("text").asString());
            }
        }
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 26, 10, 30, 0, 0, ZoneId.of("Europe/Berlin"));
        IntentParser parser = new IntentParser();

        long[] cold = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long t0 = System.nanoTime();
            parser.parse(texts.get(i), now);
            cold[i] = System.nanoTime() - t0;
        }
        report("cold (first pass, fresh JVM)", cold, cold.length);

        long seconds = Long.getLong("seconds", 10);
        long[] warm = new long[4_000_000];
        int n = 0;
        long sink = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmupEnd) { // JIT warm-up, not recorded
            for (String t : texts) {
                sink += parser.parse(t, now).name().length();
            }
        }
        while (System.nanoTime() < end && n + texts.size() <= warm.length) {
            for (String t : texts) {
                long t0 = System.nanoTime();
                sink += parser.parse(t, now).name().length();
                warm[n++] = System.nanoTime() - t0;
            }
        }
        report("warm (" + seconds + " s after 2 s warm-up)", warm, n);
        // The same on the thread's CPU clock: what the parser costs without the waits for a core on a busy machine
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpu = new long[texts.size() * 200];
        int m = 0;
        for (int round = 0; round < 200; round++) {
            for (String t : texts) {
                long c0 = threads.getCurrentThreadCpuTime();
                sink += parser.parse(t, now).name().length();
                cpu[m++] = threads.getCurrentThreadCpuTime() - c0;
            }
        }
        report("warm, thread CPU time", cpu, m);
        System.out.println("(" + texts.size() + " texts; sink " + sink + ")");
    }

    private static void report(String label, long[] nanos, int n) {
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        System.out.printf(
                "%-32s parses %9d  p50 %8.3f ms  p90 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n",
                label, n, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[n - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
