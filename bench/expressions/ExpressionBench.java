import dev.atom.workflows.expr.ExpressionException;
import dev.atom.workflows.expr.Expressions;
import dev.atom.workflows.expr.Template;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluations per second of the Echo definition's expressions (issue 5): the transform's output object, the
 * condition and the response body, i.e. what one Echo run evaluates, compiled once as the engine caches them.
 * Usage: java ExpressionBench [threads...] (default 1 and 2). Prints Echo runs/s and template evaluations/s.
 */
public class ExpressionBench {
    public static void main(String[] args) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Expressions expressions = new Expressions(Clock.systemUTC());
        Template shape = expressions.compile(
                "steps[0].output", json.readTree("{\"msg\": \"{{ trigger.body.msg }}\", \"n\": \"{{ trigger.body.n }}\"}"));
        Template big = expressions.compile("steps[1].if", "{{ steps.shape.output.n > 10 }}");
        Template body = expressions.compile(
                "steps[1].then[0].body", json.readTree("{\"size\": \"big\", \"msg\": \"{{ steps.shape.output.msg }}\"}"));
        JsonNode trigger = json.readTree("{\"body\": {\"msg\": \"hi\", \"n\": 42}}");

        int seconds = Integer.getInteger("seconds", 5);
        List<Integer> threads = new ArrayList<>();
        for (String a : args) {
            threads.add(Integer.parseInt(a));
        }
        if (threads.isEmpty()) {
            threads = List.of(1, 2);
        }
        run(1, 3, shape, big, body, trigger, json); // warm-up
        for (int t : threads) {
            double runs = run(t, seconds, shape, big, body, trigger, json);
            System.out.printf("threads=%d  Echo runs/s=%,.0f  template evaluations/s=%,.0f%n", t, runs, runs * 3);
        }
    }

    private static double run(int threads, int seconds, Template shape, Template big, Template body, JsonNode trigger,
            JsonMapper json) throws InterruptedException {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        for (int k = 0; k < 100; k++) {
                            ObjectNode ctx = json.createObjectNode();
                            ctx.set("trigger", trigger);
                            ObjectNode steps = ctx.putObject("steps");
                            steps.putObject("shape").set("output", shape.evaluate(ctx));
                            JsonNode out = big.test(ctx) ? body.evaluate(ctx) : null;
                            if (out == null || !"hi".equals(out.get("msg").stringValue())) {
                                throw new IllegalStateException("wrong answer: " + out);
                            }
                        }
                        done.add(100);
                    }
                } catch (ExpressionException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return done.sum() / (double) seconds;
    }
}
