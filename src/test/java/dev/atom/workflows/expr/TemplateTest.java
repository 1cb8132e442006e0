package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.ExprFixture.CONTEXT;
import static dev.atom.workflows.expr.ExprFixture.EXPRESSIONS;
import static dev.atom.workflows.expr.ExprFixture.error;
import static dev.atom.workflows.expr.ExprFixture.eval;
import static dev.atom.workflows.expr.ExprFixture.json;
import static dev.atom.workflows.expr.ExprFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TemplateTest {

    @Test
    void aLoneExpressionKeepsItsType() throws ExpressionException {
        assertThat(eval("{{ trigger.body.n }}").isIntegralNumber()).isTrue();
        assertThat(eval("  {{trigger.body.flag}}\n").isBoolean()).isTrue();
        assertThat(eval("{{ trigger.body.tags }}")).isEqualTo(json("[\"a\",\"b\"]"));
        assertThat(eval("{{ trigger.body.nested }}")).isEqualTo(json("{\"deep\":{\"x\":1}}"));
        assertThat(eval("{{ trigger.body.none }}").isNull()).isTrue();
        assertThat(eval("{{ trigger.body.missing }}").isNull()).isTrue();
        assertThat(eval("{{ trigger.body.msg }}").stringValue()).isEqualTo("hi");
    }

    @Test
    void mixedTextStringifiesEveryValue() throws ExpressionException {
        assertThat(text("New bug: {{ event.issue.title }}")).isEqualTo("New bug: Crash on start");
        assertThat(text("n={{ trigger.body.n }} p={{ trigger.body.price }} f={{ trigger.body.flag }}"))
                .isEqualTo("n=42 p=19.99 f=true");
        assertThat(text("[{{ trigger.body.none }}|{{ nothing.here }}]")).isEqualTo("[|]");
        assertThat(text("tags {{ trigger.body.tags }} obj {{ trigger.body.nested }}"))
                .isEqualTo("tags [\"a\",\"b\"] obj {\"deep\":{\"x\":1}}");
        assertThat(text("{{ 2.50 * 2 }} {{ 1.0 }} {{ 10 / 4 }} {{ 1e3 }}")).isEqualTo("5 1 2.5 1000");
        assertThat(text("{{ 'a' }}{{ 'b' }}")).isEqualTo("ab");
        assertThat(text("no expressions at all, }} is fine")).isEqualTo("no expressions at all, }} is fine");
    }

    @Test
    void closingBracesInsideStringsAndObjectLiteralsDoNotEndTheExpression() throws ExpressionException {
        assertThat(text("x{{ '}}' }}y")).isEqualTo("x}}y");
        assertThat(eval("{{ {\"a\": {\"b\": 1}} }}").toString()).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(eval("{{ {a: 1}.a }}").intValue()).isEqualTo(1);
        assertThat(text("{{ \"{{\" }} literal")).isEqualTo("{{ literal");
    }

    @Test
    void aWholeTreeIsEvaluatedRecursivelyIntoNewContainers() throws ExpressionException {
        JsonNode input = json("""
                {"list": "Inbox", "name": "{{ event.issue.title }}", "count": "{{ trigger.body.n }}",
                 "labels": ["{{ event.issue.labels[0].name }}", "static", 3, null, {"deep": "{{ trigger.body.flag }}"}]}
                """);
        Template t = EXPRESSIONS.compile("steps[0].input", input);
        JsonNode out = t.evaluate(CONTEXT);
        assertThat(out).isEqualTo(json("""
                        {"list": "Inbox", "name": "Crash on start", "count": 42,
                         "labels": ["bug", "static", 3, null, {"deep": true}]}
                        """));
        assertThat(out).isNotSameAs(input);
        assertThat(input.get("name").stringValue()).isEqualTo("{{ event.issue.title }}");
        assertThat(t.isConstant()).isFalse();
        assertThat(EXPRESSIONS.compile("x", json("{\"a\": [1, \"b\"]}")).isConstant())
                .isTrue();
    }

    @Test
    void theEchoDefinitionBehavesAsTheIssueSays() throws ExpressionException {
        JsonNode shape = json("{ \"msg\": \"{{ trigger.body.msg }}\", \"n\": \"{{ trigger.body.n }}\" }");
        Template shapeT = EXPRESSIONS.compile("steps[0].output", shape);
        Template big = EXPRESSIONS.compile("steps[1].if", "{{ steps.shape.output.n > 10 }}");
        Template body = EXPRESSIONS.compile(
                "steps[1].then[0].body", json("{\"size\": \"big\", \"msg\": \"{{ steps.shape.output.msg }}\"}"));

        JsonNode ctx = json("{\"trigger\": {\"body\": {\"msg\": \"hi\", \"n\": 42}}, \"steps\": {}}");
        JsonNode shaped = shapeT.evaluate(ctx);
        assertThat(shaped).isEqualTo(json("{\"msg\":\"hi\",\"n\":42}"));
        ((tools.jackson.databind.node.ObjectNode) ctx.get("steps")).set("shape", json("{\"output\": " + shaped + "}"));
        assertThat(big.test(ctx)).isTrue();
        assertThat(body.evaluate(ctx)).isEqualTo(json("{\"size\":\"big\",\"msg\":\"hi\"}"));

        JsonNode small = json("{\"steps\": {\"shape\": {\"output\": {\"n\": 3}}}}");
        assertThat(big.test(small)).isFalse();
    }

    @Test
    void errorsCarryTheTemplatePathAndColumn() {
        ExpressionException e = catchCompile("steps[1].input.text", "{{ uper(x) }}");
        assertThat(e.getMessage()).isEqualTo("steps[1].input.text: unknown function 'uper' at column 4");
        assertThat(e.path()).isEqualTo("steps[1].input.text");
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.reason()).isEqualTo("unknown function 'uper'");

        ExpressionException inTree = catchTree(json("{\"a\": {\"odd key\": [\"ok\", \"x {{ 1 + }}\"]}}"));
        assertThat(inTree.getMessage()).isEqualTo("in.a[\"odd key\"][1]: unexpected '}' at column 10");
    }

    @Test
    void validateListsEveryBrokenStringInATree() {
        List<ExpressionException> errors = EXPRESSIONS.validate(
                "steps[2].input", json("{\"a\": \"{{ nope( }}\", \"b\": \"fine {{ x }}\", \"c\": [\"{{ 1 +* 2 }}\"]}"));
        assertThat(errors)
                .extracting(ExpressionException::path)
                .containsExactly("steps[2].input.a", "steps[2].input.c[0]");
        assertThat(EXPRESSIONS.validate("p", json("{\"b\": \"{{ x.y }}\"}"))).isEmpty();
    }

    @Test
    void evaluationErrorsNameThePlaceToo() throws ExpressionException {
        Template t = EXPRESSIONS.compile("steps[3].input", json("{\"text\": \"total: {{ trigger.body.msg * 2 }}\"}"));
        ExpressionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ExpressionException.class, () -> t.evaluate(CONTEXT));
        assertThat(e.getMessage())
                .isEqualTo("steps[3].input.text: '*' needs numbers, got string and number at column 28");
    }

    @Test
    void unterminatedOrEmptyExpressionsAreParseErrors() {
        assertThat(error("hello {{ name").getMessage()).isEqualTo("t: missing '}}' to close '{{' at column 7");
        assertThat(error("{{ }}").getMessage()).isEqualTo("t: empty expression '{{ }}' at column 1");
        assertThat(error("{{ 'abc }}").getMessage()).isEqualTo("t: unterminated string at column 4");
    }

    @Test
    void referencesListTheContextPathsReadWithoutEvaluating() throws ExpressionException {
        Template t = EXPRESSIONS.compile("steps[1].input", json("""
                        {"text": "New bug: {{ steps.card.output.url }} by {{ event.issue.user.login ?? 'someone' }}",
                         "n": "{{ items[0].name }} {{ x[\\"odd key\\"].y }} {{ upper(trigger.body.msg) }}",
                         "dyn": "{{ items[trigger.body.n].name }}"}
                        """));
        assertThat(t.references())
                .extracting(Reference::text)
                .containsExactly(
                        "steps.card.output.url",
                        "event.issue.user.login",
                        "items[0].name",
                        "x[\"odd key\"].y",
                        "trigger.body.msg",
                        "items",
                        "trigger.body.n");
        Reference first = t.references().getFirst();
        assertThat(first.templatePath()).isEqualTo("steps[1].input.text");
        assertThat(first.root()).isEqualTo("steps");
        assertThat(first.segments()).containsExactly("card", "output", "url");
        assertThat(first.column()).isEqualTo(13);
    }

    @Test
    void aCompiledTemplateIsSafeToShareBetweenThreads() throws Exception {
        Template t = EXPRESSIONS.compile("t", "{{ join(pluck(items, 'name'), ',') }}:{{ sum(pluck(items, 'qty')) }}");
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> t.evaluate(CONTEXT).stringValue()));
            }
            for (Future<String> r : results) {
                assertThat(r.get()).isEqualTo("apple,pear,fig:10");
            }
        }
    }

    @Test
    void aNullContextIsEmpty() throws ExpressionException {
        assertThat(EXPRESSIONS
                        .compile("t", "{{ trigger.body ?? 'none' }}")
                        .evaluate(null)
                        .stringValue())
                .isEqualTo("none");
    }

    private static ExpressionException catchCompile(String path, String template) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                ExpressionException.class, () -> EXPRESSIONS.compile(path, template));
    }

    private static ExpressionException catchTree(JsonNode tree) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                ExpressionException.class, () -> EXPRESSIONS.compile("in", tree));
    }
}
