package dev.atom.workflows.expr;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer feeds the evaluator random templates (raw text, and token soups built from the language's own
 * operators, functions and awkward literals) over random contexts. The property, in {@link
 * RandomExpressions#assertBoundedValueOrPlainError}: every outcome is a bounded value or an {@link ExpressionException} with a plain
 * message; any other throwable (a RuntimeException, a StackOverflowError, an OutOfMemoryError) fails. Under
 * {@code mvn test} this runs the seed corpus in
 * src/test/resources/dev/atom/workflows/expr/ExpressionFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ExpressionFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void everyTemplateGivesABoundedValueOrAPlainError(FuzzedDataProvider data) {
        RandomExpressions.Source source = new RandomExpressions.Source() {
            @Override
            public int nextInt(int min, int max) {
                return data.consumeInt(min, max);
            }

            @Override
            public long nextLong() {
                return data.consumeLong();
            }

            @Override
            public String nextString(int maxLength) {
                return data.consumeString(maxLength);
            }
        };
        var context = RandomExpressions.context(source);
        RandomExpressions.assertBoundedValueOrPlainError(RandomExpressions.template(source), context);
    }
}
