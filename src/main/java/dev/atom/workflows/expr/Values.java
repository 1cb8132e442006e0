package dev.atom.workflows.expr;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The language's rules for truth, equality, order and text, in one place. Stateless. */
final class Values {
    private Values() {}

    static boolean isNull(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    /** Falsy: null, false, 0, "", [] and {}. Everything else is truthy. */
    static boolean truthy(JsonNode v) {
        if (isNull(v)) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            BigDecimal d = Numbers.decimal(v);
            return d == null || d.signum() != 0;
        }
        if (v.isString()) {
            return !v.stringValue().isEmpty();
        }
        if (v.isContainer()) {
            return !v.isEmpty();
        }
        return true;
    }

    static String type(JsonNode v) {
        if (isNull(v)) {
            return "null";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isArray()) {
            return "list";
        }
        if (v.isObject()) {
            return "object";
        }
        return "string";
    }

    /** The number a string spells ("42", " -1.5 "), or null. */
    static JsonNode numberIn(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 400) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return null;
            }
        }
        try {
            return Numbers.node(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number, or a string that spells one, as a number node; null otherwise. */
    static JsonNode asNumber(JsonNode v) {
        if (v.isNumber()) {
            return Numbers.decimal(v) == null ? null : v;
        }
        return v.isString() ? numberIn(v.stringValue()) : null;
    }

    /**
     * Equality: null equals null (missing counts as null); numbers by value; a number and a string that spells
     * a number compare as numbers (so {@code 42 == "42"}); lists and objects element by element. Costs one step
     * per node compared.
     */
    static boolean equal(JsonNode a, JsonNode b, Budget budget) throws ExpressionException {
        budget.charge(1);
        if (isNull(a) || isNull(b)) {
            return isNull(a) && isNull(b);
        }
        if (a.isNumber() || b.isNumber()) {
            JsonNode x = asNumber(a);
            JsonNode y = asNumber(b);
            if (x == null || y == null || (!a.isNumber() && !a.isString()) || (!b.isNumber() && !b.isString())) {
                return false;
            }
            return Numbers.decimal(x).compareTo(Numbers.decimal(y)) == 0;
        }
        if (a.isString() && b.isString()) {
            return a.stringValue().equals(b.stringValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue();
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i), budget)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!b.has(e.getKey()) || !equal(e.getValue(), b.get(e.getKey()), budget)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * Order: numbers numerically (a string that spells a number counts as one when the other side is a number),
     * strings by Unicode code point, booleans false before true. Returns null when the two cannot be ordered.
     */
    static Integer compare(JsonNode a, JsonNode b) {
        if (a.isNumber() || b.isNumber()) {
            JsonNode x = asNumber(a);
            JsonNode y = asNumber(b);
            return x == null || y == null ? null : Numbers.decimal(x).compareTo(Numbers.decimal(y));
        }
        if (a.isString() && b.isString()) {
            return Integer.signum(compareCodePoints(a.stringValue(), b.stringValue()));
        }
        if (a.isBoolean() && b.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        return null;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Text for templates: strings as they are, null as "", numbers plainly, lists and objects as compact JSON. */
    static String text(JsonNode v) {
        if (isNull(v)) {
            return "";
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isNumber()) {
            return Numbers.format(v);
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "true" : "false";
        }
        return v.toString();
    }

    /**
     * About how many characters the value takes as JSON, counting no further than just past {@code max}, so
     * measuring a huge value costs no more than the limit.
     */
    static long size(JsonNode v, long max) {
        long[] total = {0};
        measure(v, max, total);
        return total[0];
    }

    private static void measure(JsonNode v, long max, long[] total) {
        if (total[0] > max) {
            return;
        }
        if (v.isString()) {
            total[0] += v.stringValue().length() + 2;
        } else if (v.isContainer()) {
            total[0] += 2;
            Iterator<Map.Entry<String, JsonNode>> fields =
                    v.isObject() ? v.properties().iterator() : null;
            if (fields != null) {
                while (fields.hasNext() && total[0] <= max) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    total[0] += e.getKey().length() + 4;
                    measure(e.getValue(), max, total);
                }
            } else {
                for (int i = 0; i < v.size() && total[0] <= max; i++) {
                    total[0] += 1;
                    measure(v.get(i), max, total);
                }
            }
        } else if (v.isNumber()) {
            total[0] += v.isIntegralNumber() ? 20 : 40;
        } else {
            total[0] += 5;
        }
    }
}
