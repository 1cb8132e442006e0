package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.Functions.NODES;
import static dev.atom.workflows.expr.Functions.add;
import static dev.atom.workflows.expr.Functions.alias;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** String functions. Positions count Unicode code points, so an emoji is one character. */
final class StringFunctions {
    /** parseJson reads with tight nesting and exact decimals; its limits keep a hostile document cheap. */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxNumberLength(200)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StringFunctions() {}

    static void register() {
        add("lower", 1, 1, c -> {
            String s = c.string(0);
            return s == null ? NODES.nullNode() : c.text(s.toLowerCase(Locale.ROOT));
        });
        add("upper", 1, 1, c -> {
            String s = c.string(0);
            return s == null ? NODES.nullNode() : c.text(s.toUpperCase(Locale.ROOT));
        });
        add("trim", 1, 1, c -> {
            String s = c.string(0);
            return s == null ? NODES.nullNode() : c.text(s.strip());
        });
        add("length", 1, 1, c -> {
            JsonNode v = c.arg(0);
            if (Values.isNull(v)) {
                return NODES.numberNode(0L);
            }
            if (v.isContainer()) {
                return NODES.numberNode((long) v.size());
            }
            String s = c.requiredString(0);
            return NODES.numberNode((long) s.codePointCount(0, s.length()));
        });
        add("contains", 2, 2, c -> NODES.booleanNode(contains(c, c.arg(0), c.arg(1))));
        add("startsWith", 2, 2, c -> {
            String s = c.string(0);
            return NODES.booleanNode(s != null && s.startsWith(c.requiredString(1)));
        });
        add("endsWith", 2, 2, c -> {
            String s = c.string(0);
            return NODES.booleanNode(s != null && s.endsWith(c.requiredString(1)));
        });
        add("replace", 3, 3, StringFunctions::replace);
        add("split", 2, 2, StringFunctions::split);
        add("join", 1, 2, StringFunctions::join);
        add("substring", 2, 3, c -> slice(c, false));
        add("slice", 2, 3, c -> slice(c, true));
        add("toString", 1, 1, c -> {
            JsonNode v = c.arg(0);
            if (v.isContainer()) {
                c.budget().checkSize(Values.size(v, c.budget().maxResultChars()));
            }
            return c.text(Values.text(v));
        });
        add("toNumber", 1, 1, c -> {
            JsonNode v = c.arg(0);
            JsonNode n = v.isNumber() || v.isString() ? Values.asNumber(v) : null;
            return n == null ? NODES.nullNode() : n;
        });
        add("json", 1, 1, c -> {
            c.budget().checkSize(Values.size(c.arg(0), c.budget().maxResultChars()));
            return c.text(c.arg(0).toString());
        });
        add("parseJson", 1, 1, StringFunctions::parseJson);
        alias("fromJson", "parseJson");
        add("urlEncode", 1, 1, c -> {
            String s = c.string(0);
            if (s == null) {
                return NODES.nullNode();
            }
            c.budget().checkSize(s.length() * 9L);
            // form encoding writes a space as '+'; in a URL component it must be %20 ('+' itself is %2B)
            return c.text(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        });
        add("base64Encode", 1, 1, c -> {
            String s = c.string(0);
            if (s == null) {
                return NODES.nullNode();
            }
            c.budget().checkSize(s.length() * 4L / 3 * 3 + 4);
            return c.text(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        });
        add("base64Decode", 1, 1, c -> {
            String s = c.string(0);
            if (s == null) {
                return NODES.nullNode();
            }
            String t = s.strip();
            try {
                byte[] bytes = t.indexOf('-') >= 0 || t.indexOf('_') >= 0
                        ? Base64.getUrlDecoder().decode(t)
                        : Base64.getDecoder().decode(t);
                return c.text(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw c.error("not valid base64");
            }
        });
    }

    static boolean contains(Functions.Invocation c, JsonNode haystack, JsonNode needle) throws ExpressionException {
        if (Values.isNull(haystack)) {
            return false;
        }
        if (haystack.isArray()) {
            for (JsonNode item : haystack) {
                if (Values.equal(item, needle, c.budget())) {
                    return true;
                }
            }
            return false;
        }
        if (haystack.isObject()) {
            return needle.isString() && haystack.has(needle.stringValue());
        }
        if (Values.isNull(needle) || needle.isContainer()) {
            return false;
        }
        String s = Values.text(haystack);
        c.budget().chargeChars(s.length());
        return s.contains(Values.text(needle));
    }

    private static JsonNode replace(Functions.Invocation c) throws ExpressionException {
        String s = c.string(0);
        if (s == null) {
            return NODES.nullNode();
        }
        String find = c.requiredString(1);
        String with = c.requiredString(2);
        if (find.isEmpty()) {
            return NODES.stringNode(s);
        }
        long count = 0;
        for (int i = s.indexOf(find); i >= 0; i = s.indexOf(find, i + find.length())) {
            count++;
        }
        // the result's size is known before it is built: refuse instead of running out of memory
        c.budget().checkSize(s.length() + count * (with.length() - find.length()));
        return c.text(s.replace(find, with));
    }

    private static JsonNode split(Functions.Invocation c) throws ExpressionException {
        String s = c.string(0);
        if (s == null) {
            return NODES.arrayNode();
        }
        String sep = c.requiredString(1);
        ArrayNode out = NODES.arrayNode();
        if (sep.isEmpty()) {
            c.budget().charge(s.codePointCount(0, s.length()));
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else {
            long parts = 1;
            for (int i = s.indexOf(sep); i >= 0; i = s.indexOf(sep, i + sep.length())) {
                parts++;
            }
            // pays for the parts before making them
            c.budget().charge(parts);
            int from = 0;
            for (int i = s.indexOf(sep); i >= 0; i = s.indexOf(sep, from)) {
                out.add(s.substring(from, i));
                from = i + sep.length();
            }
            out.add(s.substring(from));
        }
        return out;
    }

    private static JsonNode join(Functions.Invocation c) throws ExpressionException {
        JsonNode list = c.list(0);
        if (list == null) {
            return NODES.stringNode("");
        }
        String sep = c.args().size() > 1 ? c.requiredString(1) : "";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(sep);
            }
            JsonNode item = list.get(i);
            if (item.isContainer()) {
                c.budget().checkSize(out.length() + Values.size(item, c.budget().maxResultChars()));
            }
            out.append(Values.text(item));
            c.budget().checkSize(out.length());
        }
        return c.text(out.toString());
    }

    /** slice counts negative positions from the end; substring clamps them to 0. Both clamp past the end. */
    private static JsonNode slice(Functions.Invocation c, boolean negativeFromEnd) throws ExpressionException {
        JsonNode v = c.arg(0);
        if (Values.isNull(v)) {
            return NODES.nullNode();
        }
        if (v.isArray()) {
            int[] r = range(c, v.size(), negativeFromEnd);
            ArrayNode out = NODES.arrayNode();
            for (int i = r[0]; i < r[1]; i++) {
                out.add(v.get(i));
            }
            c.budget().charge(out.size());
            return out;
        }
        String s = c.requiredString(0);
        int[] cps = s.codePoints().toArray();
        int[] r = range(c, cps.length, negativeFromEnd);
        return c.text(new String(cps, r[0], r[1] - r[0]));
    }

    private static int[] range(Functions.Invocation c, int length, boolean negativeFromEnd) throws ExpressionException {
        long start = c.integer(1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long end = c.args().size() > 2 && !Values.isNull(c.arg(2))
                ? c.integer(2, Integer.MIN_VALUE, Integer.MAX_VALUE)
                : length;
        if (negativeFromEnd) {
            start = start < 0 ? length + start : start;
            end = end < 0 ? length + end : end;
        }
        start = Math.clamp(start, 0, length);
        end = Math.clamp(end, start, length);
        return new int[] {(int) start, (int) end};
    }

    private static JsonNode parseJson(Functions.Invocation c) throws ExpressionException {
        String s = c.string(0);
        if (s == null) {
            return NODES.nullNode();
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(s);
        } catch (JacksonException e) {
            throw c.error("not valid JSON");
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw c.error("not valid JSON");
        }
        checkNumbers(c, parsed);
        return parsed;
    }

    private static void checkNumbers(Functions.Invocation c, JsonNode v) throws ExpressionException {
        c.budget().charge(1);
        if (v.isNumber() && Numbers.decimal(v) == null) {
            throw c.error("number out of range");
        }
        for (JsonNode child : v) {
            checkNumbers(c, child);
        }
    }
}
