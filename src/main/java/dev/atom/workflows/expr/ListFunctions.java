package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.Functions.NODES;
import static dev.atom.workflows.expr.Functions.VARARGS;
import static dev.atom.workflows.expr.Functions.add;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** List and object functions. None takes a function argument: pluck and where cover map and filter. */
final class ListFunctions {
    private ListFunctions() {}

    static void register() {
        add("first", 1, 1, c -> end(c, true));
        add("last", 1, 1, c -> end(c, false));
        add("pluck", 2, 2, c -> {
            JsonNode list = c.list(0);
            String field = c.requiredString(1);
            ArrayNode out = NODES.arrayNode();
            if (list != null) {
                for (JsonNode item : list) {
                    out.add(field(item, field));
                }
            }
            return out;
        });
        add("where", 2, 3, c -> {
            JsonNode list = c.list(0);
            String field = c.requiredString(1);
            ArrayNode out = NODES.arrayNode();
            if (list != null) {
                for (JsonNode item : list) {
                    JsonNode v = field(item, field);
                    if (c.args().size() == 2 ? Values.truthy(v) : Values.equal(v, c.arg(2), c.budget())) {
                        out.add(item);
                    }
                }
            }
            return out;
        });
        add("sum", 1, 1, c -> {
            BigDecimal total = BigDecimal.ZERO;
            for (JsonNode n : numbers(c)) {
                total = total.add(Numbers.decimal(n));
                c.number(total);
            }
            return c.number(total);
        });
        add("min", 1, VARARGS, c -> extreme(c, -1));
        add("max", 1, VARARGS, c -> extreme(c, 1));
        add("sort", 1, 2, ListFunctions::sort);
        add("unique", 1, 1, c -> {
            JsonNode list = c.list(0);
            ArrayNode out = NODES.arrayNode();
            if (list != null) {
                Set<String> seen = new HashSet<>();
                for (JsonNode item : list) {
                    String key = Values.type(item) + ":" + (item.isContainer() ? item.toString() : Values.text(item));
                    c.budget().chargeChars(key.length());
                    if (seen.add(key)) {
                        out.add(item);
                    }
                }
            }
            return out;
        });
        add("flatten", 1, 1, c -> {
            JsonNode list = c.list(0);
            ArrayNode out = NODES.arrayNode();
            if (list != null) {
                for (JsonNode item : list) {
                    if (item.isArray()) {
                        c.budget().charge(item.size());
                        out.addAll((ArrayNode) item);
                    } else {
                        out.add(item);
                    }
                }
            }
            return out;
        });
        add("range", 1, 3, ListFunctions::range);
        add("keys", 1, 1, c -> {
            ArrayNode out = NODES.arrayNode();
            JsonNode v = object(c);
            if (v != null) {
                v.propertyNames().forEach(out::add);
            }
            return out;
        });
        add("values", 1, 1, c -> {
            ArrayNode out = NODES.arrayNode();
            JsonNode v = object(c);
            if (v != null) {
                v.values().forEach(out::add);
            }
            return out;
        });
    }

    private static JsonNode object(Functions.Invocation c) throws ExpressionException {
        JsonNode v = c.arg(0);
        if (Values.isNull(v)) {
            return null;
        }
        if (!v.isObject()) {
            throw c.wrongType(0, "an object");
        }
        c.budget().charge(v.size());
        return v;
    }

    /** first/last of a list (an element) or of a string (a character). */
    private static JsonNode end(Functions.Invocation c, boolean first) throws ExpressionException {
        JsonNode v = c.arg(0);
        if (Values.isNull(v)) {
            return NODES.nullNode();
        }
        if (v.isArray()) {
            return v.isEmpty() ? NODES.nullNode() : v.get(first ? 0 : v.size() - 1);
        }
        String s = c.requiredString(0);
        if (s.isEmpty()) {
            return NODES.nullNode();
        }
        int cp = first ? s.codePointAt(0) : s.codePointBefore(s.length());
        return NODES.stringNode(new String(Character.toChars(cp)));
    }

    /** A field of an object by name; a dotted name ("user.login") walks into nested objects. */
    static JsonNode field(JsonNode item, String dotted) {
        JsonNode v = item;
        int from = 0;
        while (true) {
            int dot = dotted.indexOf('.', from);
            String name = dot < 0 ? dotted.substring(from) : dotted.substring(from, dot);
            v = v.isObject() && v.has(name) ? v.get(name) : NODES.nullNode();
            if (dot < 0 || v.isNull()) {
                return v;
            }
            from = dot + 1;
        }
    }

    /** The numbers of a list argument; nulls are skipped, anything else is an error. */
    private static List<JsonNode> numbers(Functions.Invocation c) throws ExpressionException {
        JsonNode list = c.list(0);
        List<JsonNode> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode item : list) {
                if (Values.isNull(item)) {
                    continue;
                }
                if (!item.isNumber() || Numbers.decimal(item) == null) {
                    throw c.error("every element must be a number, found " + Values.type(item));
                }
                out.add(item);
            }
        }
        return out;
    }

    /** min/max of one list, or of several arguments; nulls are skipped; numbers or strings, not mixed. */
    private static JsonNode extreme(Functions.Invocation c, int sign) throws ExpressionException {
        List<JsonNode> items = new ArrayList<>();
        if (c.args().size() == 1) {
            JsonNode list = c.list(0);
            if (list != null) {
                list.forEach(items::add);
            }
        } else {
            items.addAll(c.args());
        }
        JsonNode best = null;
        for (JsonNode item : items) {
            if (Values.isNull(item)) {
                continue;
            }
            checkSortable(c, item, best);
            if (best == null || Values.compare(item, best) * sign > 0) {
                best = item;
            }
        }
        return best == null ? NODES.nullNode() : best;
    }

    private static void checkSortable(Functions.Invocation c, JsonNode item, JsonNode other)
            throws ExpressionException {
        boolean ok = item.isNumber() ? Numbers.decimal(item) != null : item.isString() || item.isBoolean();
        if (!ok || (other != null && !Values.type(item).equals(Values.type(other)))) {
            throw c.error("cannot order " + Values.type(item) + (other == null ? "" : " with " + Values.type(other)));
        }
    }

    /** Ascending; by a field when one is named; nulls last; numbers, strings or booleans, not mixed. */
    private static JsonNode sort(Functions.Invocation c) throws ExpressionException {
        JsonNode list = c.list(0);
        if (list == null) {
            return NODES.arrayNode();
        }
        String field = c.args().size() > 1 ? c.requiredString(1) : null;
        List<JsonNode[]> keyed = new ArrayList<>();
        JsonNode sample = null;
        for (JsonNode item : list) {
            JsonNode key = field == null ? item : field(item, field);
            if (!Values.isNull(key)) {
                checkSortable(c, key, sample);
                sample = key;
            }
            keyed.add(new JsonNode[] {key, item});
        }
        // n log n comparisons, paid up front; the keys were checked, so the comparator cannot fail
        c.budget().charge((long) keyed.size() * (64 - Long.numberOfLeadingZeros(keyed.size() + 1L)));
        keyed.sort((a, b) -> {
            boolean an = Values.isNull(a[0]);
            boolean bn = Values.isNull(b[0]);
            return an || bn ? Boolean.compare(an, bn) : Values.compare(a[0], b[0]);
        });
        ArrayNode out = NODES.arrayNode();
        keyed.forEach(k -> out.add(k[1]));
        return out;
    }

    private static JsonNode range(Functions.Invocation c) throws ExpressionException {
        long lim = Integer.MAX_VALUE;
        long start = c.args().size() == 1 ? 0 : c.integer(0, -lim, lim);
        long end = c.integer(c.args().size() == 1 ? 0 : 1, -lim, lim);
        long step = c.args().size() == 3 ? c.integer(2, -lim, lim) : 1;
        if (step == 0) {
            throw c.error("step must not be 0");
        }
        long count = Math.max(0, (end - start + step + (step > 0 ? -1 : 1)) / step);
        c.budget().charge(count);
        ArrayNode out = NODES.arrayNode();
        for (long i = 0; i < count; i++) {
            out.add(start + i * step);
        }
        return out;
    }
}
