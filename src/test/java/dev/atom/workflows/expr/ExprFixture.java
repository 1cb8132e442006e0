package dev.atom.workflows.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared helpers: a fixed clock, a JSON reader, and one-line evaluation. */
final class ExprFixture {
    static final Instant NOW = Instant.parse("2026-05-01T09:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Expressions EXPRESSIONS = new Expressions(CLOCK);
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    static final JsonNode CONTEXT = json("""
            {"trigger": {"body": {"msg": "hi", "n": 42, "price": 19.99, "tags": ["a", "b"], "none": null,
                                  "odd key": "odd", "nested": {"deep": {"x": 1}}, "flag": true, "s42": "42"}},
             "steps": {"shape": {"output": {"n": 42, "msg": "hi"}}},
             "event": {"issue": {"title": "Crash on start", "html_url": "https://example.test/i/1",
                                 "labels": [{"name": "bug"}, {"name": "ui"}]}},
             "items": [{"name": "apple", "qty": 3, "price": 0.1}, {"name": "pear", "qty": 0, "price": 0.2},
                       {"name": "fig", "qty": 7, "price": 1.25}],
             "emoji": "héllo 👋"}
            """);

    private ExprFixture() {}

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** Evaluates a template string against {@link #CONTEXT}. */
    static JsonNode eval(String template) throws ExpressionException {
        return EXPRESSIONS.compile("t", template).evaluate(CONTEXT);
    }

    /** Evaluates {@code {{ expr }}} and answers the result as compact JSON text. */
    static String value(String expr) throws ExpressionException {
        return eval("{{ " + expr + " }}").toString();
    }

    /** Evaluates a template string and answers it as text (for mixed templates). */
    static String text(String template) throws ExpressionException {
        JsonNode v = eval(template);
        assertThat(v.isString()).as("%s gives a string", template).isTrue();
        return v.stringValue();
    }

    /** The error a template raises, at compile or evaluation time. */
    static ExpressionException error(String template) {
        ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> eval(template));
        assertThat(e).as("%s should fail", template).isNotNull();
        assertThat(e.getMessage())
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("\tat ");
        return e;
    }

    /** The error's message for {@code {{ expr }}}. */
    static String errorOf(String expr) {
        return error("{{ " + expr + " }}").getMessage();
    }
}
