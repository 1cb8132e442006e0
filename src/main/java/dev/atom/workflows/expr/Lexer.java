package dev.atom.workflows.expr;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Hand-written tokenizer over one template string, starting after a {@code {{}. No regular expressions: each
 * token is read character by character, so its cost is linear in the input. Not thread-safe (one per parse).
 */
final class Lexer {
    enum Kind {
        NUMBER,
        STRING,
        IDENT,
        PUNCT,
        END
    }

    /** One token; {@code pos} is its 0-based offset in the template string. */
    record Token(Kind kind, String text, JsonNode value, int pos) {
        boolean is(String punctOrWord) {
            return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrWord);
        }
    }

    private static final String[] PUNCTS = {
        "??", "==", "!=", "<=", ">=", "&&", "||", "(", ")", "[", "]", "{", "}", ",", ":", ".", "?", "+", "-", "*", "/",
        "%", "<", ">", "!"
    };

    private final String src;
    private final String path;
    private final int limit;
    private int at;

    Lexer(String src, int start, int limit, String path) {
        this.src = src;
        this.at = start;
        this.limit = limit;
        this.path = path;
    }

    /** True when reading stopped at the length limit. */
    boolean atLimit() {
        return at >= limit;
    }

    /** Offset of the next unread character. */
    int offset() {
        return at;
    }

    ExpressionException error(int pos, String reason) {
        return new ExpressionException(path, pos + 1, reason);
    }

    Token next() throws ExpressionException {
        while (at < limit && Character.isWhitespace(src.charAt(at))) {
            at++;
        }
        if (at >= limit) {
            return new Token(Kind.END, "", null, at);
        }
        int start = at;
        char c = src.charAt(at);
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '"' || c == '\'') {
            return string(start, c);
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            while (at < limit && isIdentPart(src.charAt(at))) {
                at++;
            }
            return new Token(Kind.IDENT, src.substring(start, at), null, start);
        }
        for (String p : PUNCTS) {
            if (src.startsWith(p, at) && at + p.length() <= limit) {
                at += p.length();
                return new Token(Kind.PUNCT, p, null, start);
            }
        }
        if (c == '=') {
            throw error(start, "unexpected '=' (use '==' to compare)");
        }
        throw error(start, "unexpected character '" + printable(src.codePointAt(start)) + "'");
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private Token number(int start) throws ExpressionException {
        digits();
        if (at + 1 < limit && src.charAt(at) == '.' && isDigit(src.charAt(at + 1))) {
            at++;
            digits();
        }
        if (at < limit && (src.charAt(at) == 'e' || src.charAt(at) == 'E')) {
            int mark = at++;
            if (at < limit && (src.charAt(at) == '+' || src.charAt(at) == '-')) {
                at++;
            }
            if (at < limit && isDigit(src.charAt(at))) {
                digits();
            } else {
                at = mark;
            }
        }
        if (at < limit && isIdentPart(src.charAt(at))) {
            throw error(start, "malformed number '" + src.substring(start, at + 1) + "'");
        }
        String text = src.substring(start, at);
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw error(start, "number out of range '" + text + "'");
        }
        JsonNode node = Numbers.node(value);
        if (node == null) {
            throw error(start, "number out of range '" + text + "'");
        }
        return new Token(Kind.NUMBER, text, node, start);
    }

    private void digits() {
        while (at < limit && isDigit(src.charAt(at))) {
            at++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Token string(int start, char quote) throws ExpressionException {
        StringBuilder out = new StringBuilder();
        at++;
        while (true) {
            if (at >= limit) {
                throw error(start, "unterminated string");
            }
            char c = src.charAt(at++);
            if (c == quote) {
                return new Token(
                        Kind.STRING, out.toString(), JsonNodeFactory.instance.stringNode(out.toString()), start);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= limit) {
                throw error(start, "unterminated string");
            }
            int escapeAt = at - 1;
            char e = src.charAt(at++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case '0' -> out.append('\0');
                case '\\', '\'', '"', '/' -> out.append(e);
                case 'u' -> {
                    if (at + 4 > limit) {
                        throw error(escapeAt, "bad \\u escape (needs 4 hex digits)");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(src.charAt(at++), 16);
                        if (d < 0) {
                            throw error(escapeAt, "bad \\u escape (needs 4 hex digits)");
                        }
                        cp = cp * 16 + d;
                    }
                    out.append((char) cp);
                }
                default -> throw error(escapeAt, "unknown escape '\\" + printable(e) + "'");
            }
        }
    }

    static String printable(int codePoint) {
        return Character.isISOControl(codePoint) || !Character.isDefined(codePoint)
                ? String.format("U+%04X", codePoint)
                : new String(Character.toChars(codePoint));
    }
}
