package dev.atom.workflows.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds hostile templates and contexts from a stream of choices (Jazzer's data or a seeded Random) and checks
 * the evaluator's promise on each: it answers a bounded value or its own {@link ExpressionException} with a
 * plain message, and nothing else (no other exception, no stack overflow, no runaway time or memory).
 */
final class RandomExpressions {
    /** Where the choices come from. */
    interface Source {
        int nextInt(int min, int max);

        long nextLong();

        String nextString(int maxLength);
    }

    static final Limits LIMITS = new Limits(4096, 64, 20_000, 1 << 16);
    static final Expressions EXPRESSIONS =
            new Expressions(Clock.fixed(Instant.parse("2026-05-01T09:30:00Z"), ZoneOffset.UTC), LIMITS);
    /** Far above any bounded evaluation (milliseconds), far below a hang; no test asserts a tighter time. */
    static final long HANG_NANOS = 20_000_000_000L;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("trigger", "steps", "event", "items", "x", "body", "a", "n");
    private static final List<String> FUNCTIONS =
            Expressions.functionNames().stream().sorted().toList();
    private static final List<String> TOKENS = List.of(
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            ".",
            "?",
            "??",
            "+",
            "-",
            "*",
            "/",
            "%",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "!",
            "&&",
            "||",
            "and",
            "or",
            "not",
            "in",
            "true",
            "false",
            "null",
            "0",
            "1",
            "-1",
            "2.5",
            "0.1",
            "1e1000",
            "9223372036854775807",
            "'a'",
            "''",
            "'👋'",
            "\"}}\"",
            "'{{'",
            "'PT2H'",
            "'P1D'",
            "'2026-05-01'",
            "'yyyy-MM-dd'",
            "'Europe/Paris'",
            "','",
            "'x'",
            "'a.b'",
            "{{",
            "}}",
            "\\",
            "'");

    private RandomExpressions() {}

    static String template(Source s) {
        int mode = s.nextInt(0, 3);
        if (mode == 0) {
            return s.nextString(300);
        }
        if (mode == 1) {
            return (s.nextInt(0, 1) == 0 ? "" : s.nextString(5)) + "{{ " + expression(s, 0) + " }}";
        }
        StringBuilder out = new StringBuilder();
        int parts = s.nextInt(1, 3);
        for (int p = 0; p < parts; p++) {
            if (s.nextInt(0, 2) == 0) {
                out.append(s.nextString(10));
            }
            out.append("{{ ");
            int tokens = s.nextInt(1, 40);
            for (int i = 0; i < tokens; i++) {
                switch (s.nextInt(0, 9)) {
                    case 0, 1 -> out.append(NAMES.get(s.nextInt(0, NAMES.size() - 1)));
                    case 2 ->
                        out.append(FUNCTIONS.get(s.nextInt(0, FUNCTIONS.size() - 1)))
                                .append('(');
                    case 3 -> out.append(s.nextLong());
                    case 4 ->
                        out.append('\'')
                                .append(s.nextString(8).replace("'", ""))
                                .append('\'');
                    case 5 ->
                        out.append("range(0, ").append(s.nextInt(-5, 100_000)).append(')');
                    default -> out.append(TOKENS.get(s.nextInt(0, TOKENS.size() - 1)));
                }
                out.append(' ');
            }
            out.append("}}");
        }
        return out.toString();
    }

    private static final List<String> LITERALS = TOKENS.subList(TOKENS.indexOf("true"), TOKENS.indexOf("{{"));
    private static final List<String> BINARY = List.of(
            "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "??", "in", "not in", "and", "or");

    /** A well-formed expression (mostly), so evaluation, not just parsing, is exercised. */
    static String expression(Source s, int depth) {
        int kind = s.nextInt(0, depth > 6 ? 3 : 10);
        return switch (kind) {
            case 0 -> path(s);
            case 1 -> LITERALS.get(s.nextInt(0, LITERALS.size() - 1));
            case 2 -> Long.toString(s.nextLong());
            case 3 -> "'" + s.nextString(6).replace("'", "").replace("\\", "") + "'";
            case 4, 5 ->
                "(" + expression(s, depth + 1) + " " + BINARY.get(s.nextInt(0, BINARY.size() - 1)) + " "
                        + expression(s, depth + 1) + ")";
            case 6 -> (s.nextInt(0, 1) == 0 ? "!" : "-") + expression(s, depth + 1);
            case 7 -> expression(s, depth + 1) + " ? " + expression(s, depth + 1) + " : " + expression(s, depth + 1);
            case 8 -> "[" + expression(s, depth + 1) + ", " + expression(s, depth + 1) + "]";
            case 9 -> "{k: " + expression(s, depth + 1) + "}";
            default -> {
                Functions.Fn fn = Functions.lookup(FUNCTIONS.get(s.nextInt(0, FUNCTIONS.size() - 1)));
                int n = s.nextInt(fn.minArgs(), Math.min(fn.maxArgs(), fn.minArgs() + 2));
                StringBuilder out = new StringBuilder(fn.name()).append('(');
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ", ").append(expression(s, depth + 1));
                }
                yield out.append(')').toString();
            }
        };
    }

    private static String path(Source s) {
        StringBuilder out = new StringBuilder(NAMES.get(s.nextInt(0, NAMES.size() - 1)));
        int n = s.nextInt(0, 3);
        for (int i = 0; i < n; i++) {
            switch (s.nextInt(0, 2)) {
                case 0 -> out.append('.').append(NAMES.get(s.nextInt(0, NAMES.size() - 1)));
                case 1 -> out.append('[').append(s.nextInt(-2, 3)).append(']');
                default ->
                    out.append("['")
                            .append(NAMES.get(s.nextInt(0, NAMES.size() - 1)))
                            .append("']");
            }
        }
        return out.toString();
    }

    static JsonNode context(Source s) {
        ObjectNode root = NODES.objectNode();
        for (String name : NAMES) {
            if (s.nextInt(0, 1) == 0) {
                root.set(name, value(s, 0));
            }
        }
        return root;
    }

    private static JsonNode value(Source s, int depth) {
        int kind = s.nextInt(0, depth > 4 ? 5 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(s.nextInt(0, 1) == 1);
            case 2 -> NODES.numberNode(s.nextLong());
            case 3 -> NODES.numberNode(s.nextInt(-1000, 1000) / 8.0);
            case 4 -> NODES.stringNode(s.nextString(20));
            case 5 -> NODES.stringNode("z".repeat(s.nextInt(0, 100_000)));
            case 6, 7 -> {
                ArrayNode list = NODES.arrayNode();
                int n = s.nextInt(0, 4);
                for (int i = 0; i < n; i++) {
                    list.add(value(s, depth + 1));
                }
                yield list;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                int n = s.nextInt(0, 4);
                for (int i = 0; i < n; i++) {
                    object.set(NAMES.get(s.nextInt(0, NAMES.size() - 1)), value(s, depth + 1));
                }
                yield object;
            }
        };
    }

    /**
     * The property: a bounded value or our own plain error; nothing else, and no hang. Answers whether the
     * template gave a value (callers check that enough do, so the property is not checked on errors alone).
     */
    static boolean assertBoundedValueOrPlainError(String template, JsonNode context) {
        long start = System.nanoTime();
        boolean value = false;
        try {
            Template t = EXPRESSIONS.compile("fuzz", template);
            assertThat(t.references()).isNotNull();
            JsonNode out = t.evaluate(context);
            assertThat(out).isNotNull();
            assertThat(Values.size(out, LIMITS.maxResultChars())).isLessThanOrEqualTo(LIMITS.maxResultChars());
            value = true;
        } catch (ExpressionException e) {
            assertThat(e.getMessage())
                    .startsWith("fuzz")
                    .doesNotContain("Exception")
                    .doesNotContain("java.")
                    .doesNotContain("\tat ");
            assertThat(e.column()).isNotNegative();
        }
        assertThat(System.nanoTime() - start).as(template).isLessThan(HANG_NANOS);
        return value;
    }
}
