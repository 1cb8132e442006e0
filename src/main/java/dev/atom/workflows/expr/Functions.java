package dev.atom.workflows.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The fixed allow-list of functions an expression may call. Nothing else is reachable: no reflection, no
 * method calls on values, no access to Java. Each function checks its arguments and pays for its work in
 * the evaluation budget. Stateless and thread-safe.
 */
final class Functions {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int VARARGS = 64;

    /** A function body: gets its evaluated arguments, answers a value or an error naming the function. */
    @FunctionalInterface
    interface Body {
        JsonNode apply(Invocation call) throws ExpressionException;
    }

    record Fn(String name, int minArgs, int maxArgs, Body body) {
        String arity() {
            String n = minArgs == maxArgs
                    ? Integer.toString(minArgs)
                    : maxArgs == VARARGS ? minArgs + " or more" : minArgs + " to " + maxArgs;
            return n + (minArgs == 1 && maxArgs == 1 ? " argument" : " arguments");
        }
    }

    private static final Map<String, Fn> ALL = new HashMap<>();

    static {
        StringFunctions.register();
        ListFunctions.register();
        DateFunctions.register();
        add("coalesce", 1, VARARGS, c -> {
            for (JsonNode a : c.args()) {
                if (!Values.isNull(a)) {
                    return a;
                }
            }
            return NODES.nullNode();
        });
        add("default", 2, 2, c -> isEmpty(c.arg(0)) ? c.arg(1) : c.arg(0));
        add("isEmpty", 1, 1, c -> NODES.booleanNode(isEmpty(c.arg(0))));
        add("type", 1, 1, c -> NODES.stringNode(Values.type(c.arg(0))));
        add(
                "round",
                1,
                2,
                c -> rounded(c, c.args().size() > 1 ? (int) c.integer(1, -100, 100) : 0, RoundingMode.HALF_UP));
        add("floor", 1, 1, c -> rounded(c, 0, RoundingMode.FLOOR));
        add("ceil", 1, 1, c -> rounded(c, 0, RoundingMode.CEILING));
        add("abs", 1, 1, c -> {
            BigDecimal d = c.decimal(0);
            return d == null ? NODES.nullNode() : c.number(d.abs());
        });
    }

    private Functions() {}

    static void add(String name, int min, int max, Body body) {
        ALL.put(name, new Fn(name, min, max, body));
    }

    static void alias(String alias, String name) {
        Fn fn = ALL.get(name);
        ALL.put(alias, new Fn(alias, fn.minArgs(), fn.maxArgs(), fn.body()));
    }

    /** The function with this exact name, or null. */
    static Fn lookup(String name) {
        return ALL.get(name);
    }

    static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(ALL.keySet());
    }

    /** Empty: null, "", [] and {}. */
    static boolean isEmpty(JsonNode v) {
        return Values.isNull(v) || (v.isString() && v.stringValue().isEmpty()) || (v.isContainer() && v.isEmpty());
    }

    private static JsonNode rounded(Invocation c, int digits, RoundingMode mode) throws ExpressionException {
        BigDecimal d = c.decimal(0);
        return d == null ? NODES.nullNode() : c.number(d.setScale(digits, mode));
    }

    /** One call in progress: its arguments, the budget, the clock and the place for errors. */
    record Invocation(Fn fn, List<JsonNode> args, Budget budget, Clock clock, int pos) {
        JsonNode arg(int i) {
            return args.get(i);
        }

        ExpressionException error(String reason) {
            return new ExpressionException(budget.path(), pos + 1, fn.name() + ": " + reason);
        }

        ExpressionException wrongType(int i, String expected) {
            return error("argument " + (i + 1) + " must be " + expected + ", got " + Values.type(arg(i)));
        }

        /** A string argument (numbers and booleans become their text), or null for null. */
        String string(int i) throws ExpressionException {
            JsonNode v = arg(i);
            if (Values.isNull(v)) {
                return null;
            }
            if (v.isContainer()) {
                throw wrongType(i, "a string");
            }
            String s = Values.text(v);
            budget.chargeChars(s.length());
            return s;
        }

        /** A string argument that must be present. */
        String requiredString(int i) throws ExpressionException {
            String s = string(i);
            if (s == null) {
                throw wrongType(i, "a string");
            }
            return s;
        }

        /** A number argument (a string that spells one counts), or null for null. */
        BigDecimal decimal(int i) throws ExpressionException {
            JsonNode v = arg(i);
            if (Values.isNull(v)) {
                return null;
            }
            JsonNode n = Values.asNumber(v);
            if (n == null) {
                throw wrongType(i, "a number");
            }
            return Numbers.decimal(n);
        }

        /** A whole number argument within [min, max]. */
        long integer(int i, long min, long max) throws ExpressionException {
            BigDecimal d = decimal(i);
            if (d == null || d.stripTrailingZeros().scale() > 0) {
                throw wrongType(i, "a whole number");
            }
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw error("argument " + (i + 1) + " must be between " + min + " and " + max);
            }
            return d.longValueExact();
        }

        /** A list argument, or null for null. */
        JsonNode list(int i) throws ExpressionException {
            JsonNode v = arg(i);
            if (Values.isNull(v)) {
                return null;
            }
            if (!v.isArray()) {
                throw wrongType(i, "a list");
            }
            budget.charge(v.size());
            return v;
        }

        JsonNode number(BigDecimal d) throws ExpressionException {
            JsonNode n = Numbers.node(d);
            if (n == null) {
                throw error("number out of range");
            }
            return n;
        }

        JsonNode text(String s) throws ExpressionException {
            budget.checkSize(s.length());
            budget.chargeChars(s.length());
            return NODES.stringNode(s);
        }
    }
}
