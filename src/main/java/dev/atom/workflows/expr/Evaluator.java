package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.Functions.NODES;

import dev.atom.workflows.expr.Ast.Op;
import java.time.Clock;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks an expression tree over a JSON context. Missing paths are null, never an error; every node costs a
 * step. Not thread-safe: one per template evaluation (the tree and context are only read).
 */
final class Evaluator {
    private final JsonNode context;
    private final Clock clock;
    private final Budget budget;

    Evaluator(JsonNode context, Clock clock, Budget budget) {
        this.context = context;
        this.clock = clock;
        this.budget = budget;
    }

    private ExpressionException error(Ast at, String reason) {
        return new ExpressionException(budget.path(), at.pos() + 1, reason);
    }

    JsonNode eval(Ast ast) throws ExpressionException {
        budget.charge(1);
        return switch (ast) {
            case Ast.Literal l -> l.value();
            case Ast.Root r -> child(context, r.name());
            case Ast.Field f -> child(eval(f.target()), f.name());
            case Ast.Index i -> index(eval(i.target()), eval(i.index()));
            case Ast.ListOf l -> list(l);
            case Ast.ObjectOf o -> object(o);
            case Ast.Unary u -> unary(u);
            case Ast.Binary b -> binary(b);
            case Ast.Conditional c -> Values.truthy(eval(c.test())) ? eval(c.then()) : eval(c.otherwise());
            case Ast.Call c -> call(c);
        };
    }

    private static JsonNode child(JsonNode target, String name) {
        if (target != null && target.isObject()) {
            JsonNode v = target.get(name);
            return v == null ? NODES.nullNode() : v;
        }
        return NODES.nullNode();
    }

    private static JsonNode index(JsonNode target, JsonNode key) {
        if (target.isArray() && key.isNumber() && key.isIntegralNumber() && key.canConvertToInt()) {
            int i = key.intValue();
            int at = i < 0 ? target.size() + i : i;
            return at >= 0 && at < target.size() ? target.get(at) : NODES.nullNode();
        }
        if (target.isObject() && !Values.isNull(key) && !key.isContainer()) {
            return child(target, Values.text(key));
        }
        return NODES.nullNode();
    }

    private JsonNode list(Ast.ListOf l) throws ExpressionException {
        ArrayNode out = NODES.arrayNode(l.items().size());
        for (Ast item : l.items()) {
            out.add(eval(item));
        }
        return out;
    }

    private JsonNode object(Ast.ObjectOf o) throws ExpressionException {
        ObjectNode out = NODES.objectNode();
        for (int i = 0; i < o.keys().size(); i++) {
            out.set(o.keys().get(i), eval(o.values().get(i)));
        }
        return out;
    }

    private JsonNode unary(Ast.Unary u) throws ExpressionException {
        JsonNode v = eval(u.operand());
        if (u.op() == Op.NOT) {
            return NODES.booleanNode(!Values.truthy(v));
        }
        if (Values.isNull(v)) {
            return NODES.nullNode();
        }
        if (!v.isNumber()) {
            throw error(u, "'-' needs a number, got " + Values.type(v));
        }
        return checked(u, Numbers.negate(v));
    }

    private JsonNode binary(Ast.Binary b) throws ExpressionException {
        switch (b.op()) {
            case AND -> {
                return NODES.booleanNode(Values.truthy(eval(b.left())) && Values.truthy(eval(b.right())));
            }
            case OR -> {
                return NODES.booleanNode(Values.truthy(eval(b.left())) || Values.truthy(eval(b.right())));
            }
            case COALESCE -> {
                JsonNode left = eval(b.left());
                return Values.isNull(left) ? eval(b.right()) : left;
            }
            default -> {
                // both sides are needed
            }
        }
        JsonNode left = eval(b.left());
        JsonNode right = eval(b.right());
        return switch (b.op()) {
            case EQ -> NODES.booleanNode(Values.equal(left, right, budget));
            case NE -> NODES.booleanNode(!Values.equal(left, right, budget));
            case LT, LE, GT, GE -> order(b, left, right);
            case IN -> NODES.booleanNode(in(left, right));
            case NOT_IN -> NODES.booleanNode(!in(left, right));
            case ADD -> add(b, left, right);
            default -> arithmetic(b, left, right);
        };
    }

    /** Ordering with null on either side is false (a missing value is neither less nor more). */
    private JsonNode order(Ast.Binary b, JsonNode left, JsonNode right) throws ExpressionException {
        if (Values.isNull(left) || Values.isNull(right)) {
            return NODES.booleanNode(false);
        }
        Integer c = Values.compare(left, right);
        if (c == null) {
            throw error(
                    b,
                    "cannot compare " + Values.type(left) + " with " + Values.type(right) + " using '" + b.op().symbol
                            + "'");
        }
        return NODES.booleanNode(
                switch (b.op()) {
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    default -> c >= 0;
                });
    }

    private boolean in(JsonNode needle, JsonNode haystack) throws ExpressionException {
        Functions.Invocation c =
                new Functions.Invocation(Functions.lookup("contains"), List.of(haystack, needle), budget, clock, 0);
        return StringFunctions.contains(c, haystack, needle);
    }

    /** {@code +}: text when either side is a string, lists concatenate, numbers add; null stays null. */
    private JsonNode add(Ast.Binary b, JsonNode left, JsonNode right) throws ExpressionException {
        if (left.isString() || right.isString()) {
            if (left.isContainer() || right.isContainer()) {
                budget.checkSize(Values.size(left.isContainer() ? left : right, budget.maxResultChars()));
            }
            String l = Values.text(left);
            String r = Values.text(right);
            budget.checkSize((long) l.length() + r.length());
            budget.chargeChars((long) l.length() + r.length());
            return NODES.stringNode(l + r);
        }
        if (left.isArray() && right.isArray()) {
            budget.charge((long) left.size() + right.size());
            ArrayNode out = NODES.arrayNode();
            out.addAll((ArrayNode) left);
            out.addAll((ArrayNode) right);
            return out;
        }
        return arithmetic(b, left, right);
    }

    private JsonNode arithmetic(Ast.Binary b, JsonNode left, JsonNode right) throws ExpressionException {
        if (Values.isNull(left) || Values.isNull(right)) {
            return NODES.nullNode();
        }
        if (!left.isNumber() || !right.isNumber()) {
            throw error(
                    b,
                    "'" + b.op().symbol + "' needs numbers, got " + Values.type(left) + " and " + Values.type(right));
        }
        try {
            return checked(
                    b,
                    switch (b.op()) {
                        case ADD -> Numbers.add(left, right);
                        case SUB -> Numbers.subtract(left, right);
                        case MUL -> Numbers.multiply(left, right);
                        case DIV -> Numbers.divide(left, right);
                        default -> Numbers.remainder(left, right);
                    });
        } catch (ArithmeticException e) {
            throw error(b, "division by zero");
        }
    }

    private JsonNode checked(Ast at, JsonNode number) throws ExpressionException {
        if (number == null) {
            throw error(at, "number out of range");
        }
        return number;
    }

    private JsonNode call(Ast.Call call) throws ExpressionException {
        List<JsonNode> args = new ArrayList<>(call.args().size());
        for (Ast arg : call.args()) {
            args.add(eval(arg));
        }
        Functions.Invocation c = new Functions.Invocation(call.fn(), args, budget, clock, call.pos());
        // budget and size errors inside the function point at the call
        int outer = budget.column();
        budget.at(budget.path(), call.pos() + 1);
        try {
            JsonNode out = call.fn().body().apply(c);
            if (out.isString()) {
                budget.checkSize(out.stringValue().length());
            } else if (out.isArray()) {
                budget.checkSize(out.size());
            }
            return out;
        } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
            // a library refused an argument: say which function, never the library's text
            throw c.error("invalid argument");
        } finally {
            budget.at(budget.path(), outer);
        }
    }
}
