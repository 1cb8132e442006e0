package dev.atom.workflows.expr;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The syntax tree of one expression: immutable records, a closed set. {@code pos} is the 0-based offset in
 * the template string, used for error columns.
 */
sealed interface Ast {
    int pos();

    /** A number, string, true, false or null literal. */
    record Literal(JsonNode value, int pos) implements Ast {}

    /** A name looked up in the context ({@code trigger}, {@code steps}). */
    record Root(String name, int pos) implements Ast {}

    /** {@code target.name}. */
    record Field(Ast target, String name, int pos) implements Ast {}

    /** {@code target[index]}: a list position (negative counts from the end) or an object key. */
    record Index(Ast target, Ast index, int pos) implements Ast {}

    record ListOf(List<Ast> items, int pos) implements Ast {}

    record ObjectOf(List<String> keys, List<Ast> values, int pos) implements Ast {}

    record Unary(Op op, Ast operand, int pos) implements Ast {}

    record Binary(Op op, Ast left, Ast right, int pos) implements Ast {}

    record Conditional(Ast test, Ast then, Ast otherwise, int pos) implements Ast {}

    record Call(Functions.Fn fn, List<Ast> args, int pos) implements Ast {}

    enum Op {
        NOT("!"),
        NEG("-"),
        ADD("+"),
        SUB("-"),
        MUL("*"),
        DIV("/"),
        MOD("%"),
        EQ("=="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        IN("in"),
        NOT_IN("not in"),
        AND("&&"),
        OR("||"),
        COALESCE("??");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** The tree's height, counting no further than just past {@code max}. */
    static int height(Ast ast, int depth, int max) {
        if (depth > max) {
            return depth;
        }
        int d = depth + 1;
        int h = d;
        for (Ast child : children(ast)) {
            h = Math.max(h, height(child, d, max));
            if (h > max) {
                return h;
            }
        }
        return h;
    }

    static List<Ast> children(Ast ast) {
        return switch (ast) {
            case Ast.Literal l -> List.of();
            case Ast.Root r -> List.of();
            case Ast.Field f -> List.of(f.target());
            case Ast.Index i -> List.of(i.target(), i.index());
            case Ast.ListOf l -> l.items();
            case Ast.ObjectOf o -> o.values();
            case Ast.Unary u -> List.of(u.operand());
            case Ast.Binary b -> List.of(b.left(), b.right());
            case Ast.Conditional c -> List.of(c.test(), c.then(), c.otherwise());
            case Ast.Call c -> c.args();
        };
    }
}
