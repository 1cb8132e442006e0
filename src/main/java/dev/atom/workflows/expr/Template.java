package dev.atom.workflows.expr;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A compiled template: a JSON value whose strings may hold {@code {{ expr }}} parts, parsed once. Immutable
 * and thread-safe, so the engine can cache one per definition and evaluate it for every run.
 *
 * <p>Evaluation: a string that is exactly one expression (spaces around allowed) becomes the expression's
 * value with its type; a string mixing text and expressions becomes text; objects and lists are evaluated
 * member by member into new containers. Values taken from the context are shared, not copied: treat the
 * result as read-only.
 */
public final class Template {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    sealed interface Part {}

    record Text(String text) implements Part {}

    record Expr(Ast ast, int pos) implements Part {}

    sealed interface Compiled {}

    record Constant(JsonNode value) implements Compiled {}

    record Str(String path, List<Part> parts, boolean single) implements Compiled {}

    record Obj(List<String> keys, List<Compiled> values) implements Compiled {}

    record Arr(List<Compiled> items) implements Compiled {}

    private final String path;
    private final Compiled root;
    private final Clock clock;
    private final Limits limits;
    private final List<Reference> references;

    Template(String path, Compiled root, Clock clock, Limits limits, List<Reference> references) {
        this.path = path;
        this.root = root;
        this.clock = clock;
        this.limits = limits;
        this.references = List.copyOf(references);
    }

    /** Where this template sits in its definition, as given to {@link Expressions#compile}. */
    public String path() {
        return path;
    }

    /** True when no string in the template holds an expression: evaluation gives the value as written. */
    public boolean isConstant() {
        return references.isEmpty() && !hasExpression(root);
    }

    /**
     * Every context path the template reads, in order of appearance; for checks before any run ("steps.card
     * refers to a step that does not run before this one").
     */
    public List<Reference> references() {
        return references;
    }

    /**
     * Evaluates against a context (an object whose fields are the root names: {@code trigger}, {@code steps},
     * ...). Missing paths give null. Bounded by the {@link Limits} given at compilation.
     *
     * @throws ExpressionException with the path and column of the failing expression
     */
    public JsonNode evaluate(JsonNode context) throws ExpressionException {
        Budget budget = new Budget(limits);
        JsonNode ctx = context == null ? NODES.objectNode() : context;
        JsonNode out = evaluate(root, new Evaluator(ctx, clock, budget), budget);
        budget.at(path, 0);
        budget.checkSize(Values.size(out, limits.maxResultChars()));
        return out;
    }

    /** Evaluates and answers whether the result is truthy (not null, false, 0, "", [] or {}). */
    public boolean test(JsonNode context) throws ExpressionException {
        return Values.truthy(evaluate(context));
    }

    private static JsonNode evaluate(Compiled c, Evaluator evaluator, Budget budget) throws ExpressionException {
        switch (c) {
            case Constant k -> {
                return k.value();
            }
            case Obj o -> {
                ObjectNode out = NODES.objectNode();
                for (int i = 0; i < o.keys().size(); i++) {
                    out.set(o.keys().get(i), evaluate(o.values().get(i), evaluator, budget));
                }
                return out;
            }
            case Arr a -> {
                ArrayNode out = NODES.arrayNode(a.items().size());
                for (Compiled item : a.items()) {
                    out.add(evaluate(item, evaluator, budget));
                }
                return out;
            }
            case Str s -> {
                return string(s, evaluator, budget);
            }
        }
    }

    private static JsonNode string(Str s, Evaluator evaluator, Budget budget) throws ExpressionException {
        if (s.single()) {
            for (Part p : s.parts()) {
                if (p instanceof Expr e) {
                    budget.at(s.path(), e.pos() + 1);
                    return evaluator.eval(e.ast());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Part p : s.parts()) {
            switch (p) {
                case Text t -> out.append(t.text());
                case Expr e -> {
                    budget.at(s.path(), e.pos() + 1);
                    JsonNode v = evaluator.eval(e.ast());
                    if (v.isContainer()) {
                        budget.checkSize(out.length() + Values.size(v, budget.maxResultChars()));
                    }
                    out.append(Values.text(v));
                }
            }
            budget.checkSize(out.length());
        }
        return NODES.stringNode(out.toString());
    }

    private static boolean hasExpression(Compiled c) {
        return switch (c) {
            case Constant k -> false;
            case Str s -> true;
            case Obj o -> o.values().stream().anyMatch(Template::hasExpression);
            case Arr a -> a.items().stream().anyMatch(Template::hasExpression);
        };
    }

    /** Compiles a JSON tree; collects every error rather than stopping at the first. */
    static Compiled compile(
            String path, JsonNode node, Limits limits, List<Reference> refs, List<ExpressionException> errors) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            List<Compiled> values = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                keys.add(e.getKey());
                values.add(compile(child(path, e.getKey()), e.getValue(), limits, refs, errors));
            }
            return new Obj(List.copyOf(keys), List.copyOf(values));
        }
        if (node.isArray()) {
            List<Compiled> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(compile(path + "[" + i + "]", node.get(i), limits, refs, errors));
            }
            return new Arr(List.copyOf(items));
        }
        if (node.isString() && node.stringValue().contains("{{")) {
            try {
                return compileString(path, node.stringValue(), limits, refs);
            } catch (ExpressionException e) {
                errors.add(e);
                return new Constant(node);
            }
        }
        return new Constant(node.deepCopy());
    }

    static Str compileString(String path, String src, Limits limits, List<Reference> refs) throws ExpressionException {
        List<Part> parts = new ArrayList<>();
        List<Reference> found = new ArrayList<>();
        int at = 0;
        boolean blankText = true;
        int expressions = 0;
        while (at < src.length()) {
            int open = src.indexOf("{{", at);
            if (open < 0) {
                break;
            }
            if (open > at) {
                String text = src.substring(at, open);
                parts.add(new Text(text));
                blankText &= text.isBlank();
            }
            Parser.Parsed parsed = Parser.parse(src, open + 2, limits, path);
            parts.add(new Expr(parsed.ast(), open));
            References.collect(parsed.ast(), path, found);
            expressions++;
            at = parsed.end();
        }
        if (at < src.length()) {
            String text = src.substring(at);
            parts.add(new Text(text));
            blankText &= text.isBlank();
        }
        refs.addAll(found);
        return new Str(path, List.copyOf(parts), expressions == 1 && blankText);
    }

    /** {@code steps[1].input} + {@code text}; keys that are not plain names go in brackets. */
    static String child(String path, String key) {
        if (References.plainName(key)) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
