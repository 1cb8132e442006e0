package dev.atom.workflows.expr;

/**
 * The work and size allowance of one template evaluation. Every node evaluated costs a step, and functions
 * pay for the work they do, so any evaluation ends after at most {@link Limits#maxSteps()} units of work.
 * Not thread-safe: one per evaluation.
 */
final class Budget {
    private final Limits limits;
    private String path;
    private long steps;
    private int column;

    Budget(Limits limits) {
        this.limits = limits;
        this.path = "";
    }

    /** The template and column being evaluated, for errors raised without a node at hand. */
    void at(String path, int column) {
        this.path = path;
        this.column = column;
    }

    void charge(long units) throws ExpressionException {
        steps += units;
        if (steps > limits.maxSteps()) {
            throw new ExpressionException(path, column, "evaluation took more than " + limits.maxSteps() + " steps");
        }
    }

    /** Pays for handling a string of this length (one step per 100 characters). */
    void chargeChars(long chars) throws ExpressionException {
        charge(chars / 100);
    }

    /** Fails when a built string or list would exceed the result size limit. */
    void checkSize(long chars) throws ExpressionException {
        if (chars > limits.maxResultChars()) {
            throw new ExpressionException(
                    path, column, "result larger than " + limits.maxResultChars() + " characters");
        }
    }

    int maxResultChars() {
        return limits.maxResultChars();
    }

    String path() {
        return path;
    }

    int column() {
        return column;
    }
}
