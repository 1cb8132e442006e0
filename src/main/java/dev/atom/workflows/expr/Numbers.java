package dev.atom.workflows.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Numbers are exact: integers as long, everything else as BigDecimal (so 0.1 + 0.2 is 0.3 and money stays
 * exact). Overflowing long arithmetic moves to BigDecimal; division that does not come out even keeps 34
 * significant digits. A magnitude beyond 10^±{@value #MAX_EXPONENT} is refused, so no number can grow into a
 * huge string or an expensive computation.
 */
final class Numbers {
    static final int MAX_EXPONENT = 1000;
    private static final MathContext DIVISION = MathContext.DECIMAL128;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Numbers() {}

    /** The normalized node for a value (long when integral and in range), or null when out of range. */
    static JsonNode node(BigDecimal value) {
        if (value.signum() == 0) {
            return NODES.numberNode(0L);
        }
        BigDecimal v = value;
        if (Math.abs((long) v.scale()) > 4L * MAX_EXPONENT || v.precision() > 4 * MAX_EXPONENT) {
            return null;
        }
        v = v.stripTrailingZeros();
        long exponent = (long) v.precision() - v.scale() - 1;
        if (Math.abs(exponent) > MAX_EXPONENT || v.scale() > 2L * MAX_EXPONENT) {
            return null;
        }
        if (v.scale() <= 0 && exponent < 19) {
            try {
                return NODES.numberNode(v.longValueExact());
            } catch (ArithmeticException e) {
                // does not fit a long: stays a decimal
            }
        }
        // integral values keep a plain form (1E+19 would be valid JSON, but surprising)
        return NODES.numberNode(v.scale() < 0 ? v.setScale(0) : v);
    }

    /** The exact value of a JSON number, or null when it is not finite or out of range. */
    static BigDecimal decimal(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n.isDouble() || n.isFloat()) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return node(BigDecimal.valueOf(d)) == null ? null : BigDecimal.valueOf(d);
        }
        BigDecimal d = n.decimalValue();
        return node(d) == null ? null : d;
    }

    static boolean isLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    static JsonNode add(JsonNode a, JsonNode b) {
        if (isLong(a) && isLong(b)) {
            try {
                return NODES.numberNode(Math.addExact(a.longValue(), b.longValue()));
            } catch (ArithmeticException e) {
                // falls through to BigDecimal
            }
        }
        return exact(decimal(a), decimal(b), '+');
    }

    static JsonNode subtract(JsonNode a, JsonNode b) {
        if (isLong(a) && isLong(b)) {
            try {
                return NODES.numberNode(Math.subtractExact(a.longValue(), b.longValue()));
            } catch (ArithmeticException e) {
                // falls through to BigDecimal
            }
        }
        return exact(decimal(a), decimal(b), '-');
    }

    static JsonNode multiply(JsonNode a, JsonNode b) {
        if (isLong(a) && isLong(b)) {
            try {
                return NODES.numberNode(Math.multiplyExact(a.longValue(), b.longValue()));
            } catch (ArithmeticException e) {
                // falls through to BigDecimal
            }
        }
        return exact(decimal(a), decimal(b), '*');
    }

    /** a / b; null when b is zero (the caller names the error). */
    static JsonNode divide(JsonNode a, JsonNode b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x == null || y == null) {
            return null;
        }
        if (y.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (isLong(a) && isLong(b) && b.longValue() != -1 && a.longValue() % b.longValue() == 0) {
            return NODES.numberNode(a.longValue() / b.longValue());
        }
        return node(x.divide(y, DIVISION));
    }

    /** a % b with the sign of a; throws ArithmeticException when b is zero. */
    static JsonNode remainder(JsonNode a, JsonNode b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x == null || y == null) {
            return null;
        }
        if (y.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (isLong(a) && isLong(b) && b.longValue() != -1) {
            return NODES.numberNode(a.longValue() % b.longValue());
        }
        // remainder on magnitudes 10^±1000 apart costs a long division: bounded by MAX_EXPONENT
        return node(x.remainder(y));
    }

    static JsonNode negate(JsonNode a) {
        if (isLong(a) && a.longValue() != Long.MIN_VALUE) {
            return NODES.numberNode(-a.longValue());
        }
        BigDecimal x = decimal(a);
        return x == null ? null : node(x.negate());
    }

    private static JsonNode exact(BigDecimal x, BigDecimal y, char op) {
        if (x == null || y == null) {
            return null;
        }
        return node(
                switch (op) {
                    case '+' -> x.add(y);
                    case '-' -> x.subtract(y);
                    default -> x.multiply(y);
                });
    }

    /** The number as people write it: no exponent, no trailing zeros (2.50 -> 2.5, 2.0 -> 2). */
    static String format(JsonNode n) {
        if (isLong(n)) {
            return Long.toString(n.longValue());
        }
        BigDecimal d = decimal(n);
        if (d == null) {
            return n.isDouble() || n.isFloat() ? Double.toString(n.doubleValue()) : n.asString();
        }
        d = d.stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        long exponent = (long) d.precision() - d.scale() - 1;
        // plain text for everything people use; scientific only for extremes, keeping the text short
        return Math.abs(exponent) <= 100 ? d.toPlainString() : d.toString();
    }

    /** Numeric comparison; both must be numbers with values in range. */
    static int compare(BigDecimal a, BigDecimal b) {
        return a.compareTo(b);
    }
}
