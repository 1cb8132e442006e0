package dev.atom.workflows.expr;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The entry point of the workflow expression language: compiles templates ({@code "New bug: {{
 * event.issue.title }}"}, or a whole JSON tree such as a step's input) into {@link Template}s that are
 * evaluated many times. The language is described in docs/workflows-expressions.md.
 *
 * <p>Safe by construction: a hand-written parser, a tree-walking evaluator over JSON values, a fixed list of
 * functions; no reflection, no scripting engine, no regular expressions from user input; every evaluation
 * bounded by {@link Limits}. Immutable and thread-safe.
 */
public final class Expressions {
    private final Clock clock;
    private final Limits limits;

    /** With the default {@link Limits}; {@code now()} reads the given clock. */
    public Expressions(Clock clock) {
        this(clock, Limits.DEFAULT);
    }

    public Expressions(Clock clock, Limits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Compiles every string in a JSON tree.
     *
     * @param path where the tree sits in its definition ({@code steps[1].input}); errors and references
     *     carry it extended to the string's place ({@code steps[1].input.text})
     * @throws ExpressionException the first error; {@link #validate} lists all of them
     */
    public Template compile(String path, JsonNode tree) throws ExpressionException {
        List<ExpressionException> errors = new ArrayList<>();
        List<Reference> refs = new ArrayList<>();
        Template.Compiled root = Template.compile(path, tree, limits, refs, errors);
        if (!errors.isEmpty()) {
            throw errors.getFirst();
        }
        return new Template(path, root, clock, limits, refs);
    }

    /** Compiles one template string. */
    public Template compile(String path, String template) throws ExpressionException {
        return compile(path, JsonNodeFactory.instance.stringNode(template));
    }

    /** Every error in a JSON tree's templates (empty when all compile), for a validator that reports all. */
    public List<ExpressionException> validate(String path, JsonNode tree) {
        List<ExpressionException> errors = new ArrayList<>();
        Template.compile(path, tree, limits, new ArrayList<>(), errors);
        return List.copyOf(errors);
    }

    /** The names of the functions expressions may call. */
    public static java.util.Set<String> functionNames() {
        return Functions.names();
    }
}
