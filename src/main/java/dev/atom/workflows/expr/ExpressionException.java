package dev.atom.workflows.expr;

/**
 * A template or expression that cannot be compiled or evaluated. The message is plain text meant for the
 * user ({@code steps[1].input.text: unknown function 'uper' at column 4}); it never contains a stack trace
 * or Java class names. Checked, so every caller decides what a bad expression means at its place.
 */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int column;
    private final String reason;

    /**
     * @param path where the template sits in its definition ({@code steps[1].input.text}), or "" when unknown
     * @param column 1-based column in the template string, or 0 when not tied to a place
     * @param reason what is wrong, in plain words
     */
    public ExpressionException(String path, int column, String reason) {
        super(format(path, column, reason), null, false, false);
        this.path = path;
        this.column = column;
        this.reason = reason;
    }

    /** Where the template sits in its definition, or "" when unknown. */
    public String path() {
        return path;
    }

    /** The 1-based column in the template string, or 0 when the error is not tied to one place. */
    public int column() {
        return column;
    }

    /** What is wrong, without path or column. */
    public String reason() {
        return reason;
    }

    private static String format(String path, int column, String reason) {
        String at = column > 0 ? reason + " at column " + column : reason;
        return path == null || path.isEmpty() ? at : path + ": " + at;
    }
}
