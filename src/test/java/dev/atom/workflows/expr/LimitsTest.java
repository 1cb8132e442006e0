package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.ExprFixture.CLOCK;
import static dev.atom.workflows.expr.ExprFixture.errorOf;
import static dev.atom.workflows.expr.ExprFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Every bound ends evaluation with a plain error, never a hang, a stack overflow or an out-of-memory. */
class LimitsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void anExpressionLongerThan4KiBIsRefused() throws ExpressionException {
        String ok = "1" + " + 1".repeat(1000);
        assertThat(ok.length()).isLessThan(4096);
        assertThat(errorOf(ok)).contains("nested more than 64 levels deep");
        String longString = "'" + "x".repeat(4000) + "'";
        assertThat(value("length(" + longString + ")")).isEqualTo("4000");
        assertThat(errorOf("length('" + "x".repeat(5000) + "')"))
                .isEqualTo("t: expression longer than 4096 characters at column 1");
        assertThat(errorOf("'" + "y".repeat(5000))).isEqualTo("t: expression longer than 4096 characters at column 1");
    }

    @Test
    void nestingDeeperThan64LevelsIsRefusedWithoutAStackOverflow() throws ExpressionException {
        assertThat(value("(".repeat(30) + "1" + ")".repeat(30))).isEqualTo("1");
        assertThat(value("1" + " + 1".repeat(60))).isEqualTo("61");
        for (String deep : new String[] {
            "(".repeat(2000) + "1" + ")".repeat(2000),
            "!".repeat(2000) + "true",
            "-".repeat(2000) + "1",
            "[".repeat(2000) + "]".repeat(2000),
            "{a:".repeat(1000) + "1" + "}".repeat(1000),
            "x" + ".a".repeat(2000),
            "x" + "[0]".repeat(1000),
            "lower(".repeat(600) + "'a'" + ")".repeat(600),
            "1 ? ".repeat(1000) + "1" + " : 1".repeat(1000),
        }) {
            assertThat(errorOf(deep)).as(deep.substring(0, 20)).contains("nested more than 64 levels deep");
        }
    }

    @Test
    void evaluationStopsAfterTheStepBudget() {
        assertThat(errorOf("length(range(0, 1000000))"))
                .isEqualTo("t: evaluation took more than 100000 steps at column 11");
        assertThat(errorOf("sum(range(0, 60000)) + sum(range(0, 60000))")).contains("took more than 100000 steps");
        assertThat(errorOf("length(join(range(0, 99999), ','))")).contains("took more than 100000 steps");
    }

    @Test
    void theStepBudgetCoversTheWholeTemplateTree() throws ExpressionException {
        Expressions small = new Expressions(CLOCK, new Limits(4096, 64, 50, 1 << 20));
        JsonNode tree = ExprFixture.json("{\"a\": \"{{ range(0, 30) }}\", \"b\": \"{{ range(0, 30) }}\"}");
        ExpressionException e = catchThrowableOfType(
                ExpressionException.class, () -> small.compile("in", tree).evaluate(NODES.objectNode()));
        assertThat(e.getMessage()).isEqualTo("in.b: evaluation took more than 50 steps at column 4");
        assertThat(small.compile("in", "{{ range(0, 30) }}")
                        .evaluate(NODES.objectNode())
                        .size())
                .isEqualTo(30);
    }

    @Test
    void stringsThatWouldOutgrowOneMiBAreRefusedBeforeTheyAreBuilt() throws ExpressionException {
        String grow = "replace(replace(replace(replace(replace(replace('" + "a".repeat(100)
                + "', 'a', 'aaaaaaaa'), 'a', 'aaaaaaaa'), 'a', 'aaaaaaaa'), 'a', 'aaaaaaaa'), 'a', 'aaaaaaaa'),"
                + " 'a', 'aaaaaaaa')";
        assertThat(errorOf("length(" + grow + ")")).isEqualTo("t: result larger than 1048576 characters at column 19");
        assertThat(value("length(replace('" + "a".repeat(100) + "', 'a', '" + "b".repeat(1000) + "'))"))
                .isEqualTo("100000");
    }

    @Test
    void resultsLargerThanTheLimitAreRefused() throws ExpressionException {
        Expressions small = new Expressions(CLOCK, new Limits(4096, 64, 100_000, 1000));
        assertThat(catchThrowableOfType(
                                ExpressionException.class,
                                () -> small.compile("p", "{{ join(range(0, 500), 'xx') }}")
                                        .evaluate(NODES.objectNode()))
                        .getMessage())
                .isEqualTo("p: result larger than 1000 characters at column 4");
        ObjectNode ctx = NODES.objectNode();
        ctx.put("big", "z".repeat(5000));
        assertThatThrownBy(() -> small.compile("p", "{{ big }}").evaluate(ctx))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("p: result larger than 1000 characters");
        assertThatThrownBy(() -> small.compile("p", "x {{ big }}").evaluate(ctx))
                .hasMessage("p: result larger than 1000 characters at column 3");
        assertThatThrownBy(() -> small.compile("p", "{{ range(0, 400) }}").evaluate(ctx))
                .hasMessage("p: result larger than 1000 characters");
        assertThat(small.compile("p", "{{ length(big) }}").evaluate(ctx).intValue())
                .isEqualTo(5000);
    }

    @Test
    void numbersStayExactOrFailClearly() throws ExpressionException {
        assertThat(value("9223372036854775807 * 9223372036854775807"))
                .isEqualTo("85070591730234615847396907784232501249");
        assertThat(value("-9223372036854775807 - 1")).isEqualTo("-9223372036854775808");
        assertThat(value("-9223372036854775807 - 1 - 1")).isEqualTo("-9223372036854775809");
        assertThat(value("(-9223372036854775807 - 1) / -1")).isEqualTo("9223372036854775808");
        assertThat(value("(-9223372036854775807 - 1) % -1")).isEqualTo("0");
        assertThat(value("-(-9223372036854775807 - 1)")).isEqualTo("9223372036854775808");
        assertThat(errorOf("1e900 * 1e900")).isEqualTo("t: number out of range at column 10");
        assertThat(errorOf("1e-900 / 1e900")).isEqualTo("t: number out of range at column 11");
        assertThat(errorOf("1e1000 * 10")).isEqualTo("t: number out of range at column 11");
        assertThat(value("1e999 % 1e-999")).isEqualTo("0");
        assertThat(value("toString(1e999)")).startsWith("\"1E+999");
    }

    @Test
    void deepContextsAreReadWithoutTrouble() throws ExpressionException {
        ObjectNode root = NODES.objectNode();
        ObjectNode at = root;
        for (int i = 0; i < 400; i++) {
            at = at.putObject("a");
        }
        at.put("leaf", 1);
        Template t = ExprFixture.EXPRESSIONS.compile(
                "t", "{{ x == x }} {{ length(json(x)) > 0 }} {{ x.a.a.a.a.a.a != null }}");
        ObjectNode ctx = NODES.objectNode();
        ctx.set("x", root);
        assertThat(t.evaluate(ctx).stringValue()).isEqualTo("true true true");
    }
}
