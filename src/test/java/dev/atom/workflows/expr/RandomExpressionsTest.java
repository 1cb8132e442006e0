package dev.atom.workflows.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzz property over a few thousand seeded random templates on every {@code mvn test}, so the promise is
 * checked widely even where Jazzer runs only its seed corpus. A failure prints the template; the seed makes
 * it reproducible.
 */
class RandomExpressionsTest {
    private static final String PUNCT = "{}()[]'\"\\.,:?!+-*/%<>=&| az09";

    @Test
    void thousandsOfRandomTemplatesGiveABoundedValueOrAPlainError() {
        Random random = new Random(20260501L);
        RandomExpressions.Source source = new RandomExpressions.Source() {
            @Override
            public int nextInt(int min, int max) {
                return min + random.nextInt(max - min + 1);
            }

            @Override
            public long nextLong() {
                return random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(200) - 100;
            }

            @Override
            public String nextString(int maxLength) {
                int n = random.nextInt(maxLength + 1);
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    int kind = random.nextInt(10);
                    out.appendCodePoint(
                            kind == 0
                                    ? 0x1F44B
                                    : kind == 1
                                            ? random.nextInt(0x3000)
                                            : PUNCT.charAt(random.nextInt(PUNCT.length())));
                }
                return out.toString();
            }
        };
        int values = 0;
        int runs = 5000;
        for (int i = 0; i < runs; i++) {
            if (RandomExpressions.assertBoundedValueOrPlainError(
                    RandomExpressions.template(source), RandomExpressions.context(source))) {
                values++;
            }
        }
        // most well-formed templates evaluate; if none did, the property would be checked on errors only
        assertThat(values).as("templates that gave a value").isGreaterThan(runs / 5);
    }
}
