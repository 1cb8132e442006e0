package dev.atom.workflows.expr;

import dev.atom.workflows.expr.Ast.Op;
import dev.atom.workflows.expr.Lexer.Kind;
import dev.atom.workflows.expr.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A Pratt parser for one {@code {{ expression }}}: reads from just after the {@code {{} up to and including
 * the closing {@code }}}. Because it knows the grammar, {@code }}} inside strings and object literals is no
 * problem. Nesting is bounded while parsing (no deep recursion) and the tree's height is checked after.
 * Not thread-safe (one per parse).
 */
final class Parser {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int POSTFIX = 11;
    private static final int PREFIX = 10;

    private final String src;
    private final Lexer lexer;
    private final Limits limits;
    private final int start;
    private final boolean truncated;
    private Token token;
    private int nesting;

    private Parser(String src, int start, Limits limits, String path) {
        this.src = src;
        this.start = start;
        this.limits = limits;
        int limit = (int) Math.min(src.length(), (long) start + limits.maxExpressionLength() + 2);
        this.truncated = limit < src.length();
        this.lexer = new Lexer(src, start, limit, path);
    }

    /** The parsed expression and the offset just after its closing {@code }}}. */
    record Parsed(Ast ast, int end) {}

    static Parsed parse(String src, int start, Limits limits, String path) throws ExpressionException {
        Parser p = new Parser(src, start, limits, path);
        Ast ast;
        try {
            p.advance();
            if (p.token.is("}") && p.closes()) {
                throw p.lexer.error(start - 2, "empty expression '{{ }}'");
            }
            ast = p.expression(0);
            if (!(p.token.is("}") && p.closes())) {
                throw p.unexpected();
            }
        } catch (ExpressionException e) {
            if (p.truncated && p.lexer.atLimit()) {
                // whatever broke, it broke because the text was cut at the limit
                throw p.lexer.error(
                        start - 2, "expression longer than " + limits.maxExpressionLength() + " characters");
            }
            throw e;
        }
        int end = p.token.pos() + 2;
        if (end - 2 - start > limits.maxExpressionLength()) {
            throw p.lexer.error(start - 2, "expression longer than " + limits.maxExpressionLength() + " characters");
        }
        int height = Ast.height(ast, 0, limits.maxDepth());
        if (height > limits.maxDepth()) {
            throw p.lexer.error(start - 2, "expression nested more than " + limits.maxDepth() + " levels deep");
        }
        return new Parsed(ast, end);
    }

    private boolean closes() {
        return token.pos() + 1 < src.length() && src.charAt(token.pos() + 1) == '}';
    }

    private void advance() throws ExpressionException {
        token = lexer.next();
    }

    private ExpressionException unexpected() {
        if (token.kind() == Kind.END) {
            return truncated
                    ? lexer.error(start - 2, "expression longer than " + limits.maxExpressionLength() + " characters")
                    : lexer.error(start - 2, "missing '}}' to close '{{'");
        }
        String what = token.kind() == Kind.STRING ? "string" : "'" + token.text() + "'";
        return lexer.error(token.pos(), "unexpected " + what);
    }

    private void expect(String punct) throws ExpressionException {
        if (!token.is(punct) || token.kind() != Kind.PUNCT) {
            ExpressionException e = unexpected();
            throw new ExpressionException(e.path(), e.column(), e.reason() + ", expected '" + punct + "'");
        }
        advance();
    }

    private Ast expression(int minBp) throws ExpressionException {
        if (++nesting > limits.maxDepth()) {
            throw lexer.error(token.pos(), "expression nested more than " + limits.maxDepth() + " levels deep");
        }
        Ast left = prefix();
        while (true) {
            Token t = token;
            Op op = infix(t);
            if (t.is("?") && t.kind() == Kind.PUNCT) {
                if (2 < minBp) {
                    break;
                }
                advance();
                Ast then = expression(0);
                expect(":");
                left = new Ast.Conditional(left, then, expression(2), t.pos());
                continue;
            }
            if (op == null) {
                if (postfix(t) && POSTFIX >= minBp) {
                    left = postfix(left);
                    continue;
                }
                break;
            }
            int bp = bindingPower(op);
            if (bp < minBp) {
                break;
            }
            advance();
            if (op == Op.NOT_IN) {
                advance();
            }
            left = new Ast.Binary(op, left, expression(bp + 1), t.pos());
        }
        nesting--;
        return left;
    }

    private Op infix(Token t) throws ExpressionException {
        if (t.kind() == Kind.IDENT) {
            return switch (t.text()) {
                case "and" -> Op.AND;
                case "or" -> Op.OR;
                case "in" -> Op.IN;
                case "not" -> notIn() ? Op.NOT_IN : null;
                default -> null;
            };
        }
        if (t.kind() != Kind.PUNCT) {
            return null;
        }
        return switch (t.text()) {
            case "??" -> Op.COALESCE;
            case "||" -> Op.OR;
            case "&&" -> Op.AND;
            case "==" -> Op.EQ;
            case "!=" -> Op.NE;
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case ">=" -> Op.GE;
            case "+" -> Op.ADD;
            case "-" -> Op.SUB;
            case "*" -> Op.MUL;
            case "/" -> Op.DIV;
            case "%" -> Op.MOD;
            default -> null;
        };
    }

    /** Looks past {@code not} for {@code in} without consuming anything. */
    private boolean notIn() {
        int i = token.pos() + 3;
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
        return src.startsWith("in", i) && (i + 2 >= src.length() || !Character.isLetterOrDigit(src.charAt(i + 2)));
    }

    private static int bindingPower(Op op) {
        return switch (op) {
            case COALESCE -> 3;
            case OR -> 4;
            case AND -> 5;
            case EQ, NE -> 6;
            case LT, LE, GT, GE, IN, NOT_IN -> 7;
            case ADD, SUB -> 8;
            case MUL, DIV, MOD -> 9;
            case NOT, NEG -> PREFIX;
        };
    }

    private static boolean postfix(Token t) {
        return t.kind() == Kind.PUNCT && (t.text().equals(".") || t.text().equals("["));
    }

    private Ast postfix(Ast target) throws ExpressionException {
        Token t = token;
        advance();
        if (t.text().equals(".")) {
            if (token.kind() != Kind.IDENT) {
                ExpressionException e = unexpected();
                throw new ExpressionException(e.path(), e.column(), e.reason() + ", expected a field name");
            }
            String name = token.text();
            advance();
            return new Ast.Field(target, name, t.pos());
        }
        Ast index = expression(0);
        expect("]");
        return new Ast.Index(target, index, t.pos());
    }

    private Ast prefix() throws ExpressionException {
        Token t = token;
        switch (t.kind()) {
            case NUMBER, STRING -> {
                advance();
                return new Ast.Literal(t.value(), t.pos());
            }
            case IDENT -> {
                return word(t);
            }
            case END -> throw unexpected();
            default -> {
                // punctuation below
            }
        }
        switch (t.text()) {
            case "(" -> {
                advance();
                Ast inner = expression(0);
                expect(")");
                return inner;
            }
            case "!" -> {
                advance();
                return new Ast.Unary(Op.NOT, expression(PREFIX), t.pos());
            }
            case "-" -> {
                advance();
                return new Ast.Unary(Op.NEG, expression(PREFIX), t.pos());
            }
            case "[" -> {
                return list(t);
            }
            case "{" -> {
                return object(t);
            }
            default -> throw unexpected();
        }
    }

    private Ast word(Token t) throws ExpressionException {
        advance();
        switch (t.text()) {
            case "true" -> {
                return new Ast.Literal(NODES.booleanNode(true), t.pos());
            }
            case "false" -> {
                return new Ast.Literal(NODES.booleanNode(false), t.pos());
            }
            case "null" -> {
                return new Ast.Literal(NODES.nullNode(), t.pos());
            }
            case "not" -> {
                return new Ast.Unary(Op.NOT, expression(PREFIX), t.pos());
            }
            case "and", "or", "in" -> throw lexer.error(t.pos(), "unexpected '" + t.text() + "'");
            default -> {
                // a name or a call
            }
        }
        if (!(token.is("(") && token.kind() == Kind.PUNCT)) {
            return new Ast.Root(t.text(), t.pos());
        }
        Functions.Fn fn = Functions.lookup(t.text());
        if (fn == null) {
            throw lexer.error(t.pos(), "unknown function '" + t.text() + "'");
        }
        advance();
        List<Ast> args = new ArrayList<>();
        while (!(token.is(")") && token.kind() == Kind.PUNCT)) {
            if (!args.isEmpty()) {
                expect(",");
            }
            args.add(expression(0));
        }
        advance();
        if (args.size() < fn.minArgs() || args.size() > fn.maxArgs()) {
            throw lexer.error(t.pos(), "function '" + fn.name() + "' takes " + fn.arity() + ", got " + args.size());
        }
        return new Ast.Call(fn, List.copyOf(args), t.pos());
    }

    private Ast list(Token open) throws ExpressionException {
        advance();
        List<Ast> items = new ArrayList<>();
        while (!(token.is("]") && token.kind() == Kind.PUNCT)) {
            if (!items.isEmpty()) {
                expect(",");
            }
            items.add(expression(0));
        }
        advance();
        return new Ast.ListOf(List.copyOf(items), open.pos());
    }

    private Ast object(Token open) throws ExpressionException {
        advance();
        List<String> keys = new ArrayList<>();
        List<Ast> values = new ArrayList<>();
        while (!(token.is("}") && token.kind() == Kind.PUNCT)) {
            if (!keys.isEmpty()) {
                expect(",");
            }
            if (token.kind() != Kind.IDENT && token.kind() != Kind.STRING) {
                ExpressionException e = unexpected();
                throw new ExpressionException(e.path(), e.column(), e.reason() + ", expected a key");
            }
            keys.add(token.text());
            advance();
            expect(":");
            values.add(expression(0));
        }
        advance();
        return new Ast.ObjectOf(List.copyOf(keys), List.copyOf(values), open.pos());
    }
}
