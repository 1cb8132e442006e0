package dev.atom.workflows.expr;

/**
 * The bounds every compilation and evaluation respects, so no definition and no input can make the evaluator
 * spin or grow without limit.
 *
 * @param maxExpressionLength characters in one {@code {{ ... }}} expression
 * @param maxDepth nesting of the expression's syntax tree (parentheses, operators, calls, literals)
 * @param maxSteps evaluation work per template evaluation: one per node plus the work functions do
 *     (elements visited, characters produced / 100)
 * @param maxResultChars size of any string built and of a template's whole result (JSON characters, about)
 */
public record Limits(int maxExpressionLength, int maxDepth, int maxSteps, int maxResultChars) {
    /** 4 KiB expressions, depth 64, 100,000 steps, 1 MiB results. */
    public static final Limits DEFAULT = new Limits(4096, 64, 100_000, 1 << 20);

    public Limits {
        if (maxExpressionLength < 1 || maxDepth < 1 || maxSteps < 1 || maxResultChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
