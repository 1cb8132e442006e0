package dev.atom.workflows.internal;

import dev.atom.shared.web.ApiException.FieldError;
import dev.atom.workflows.expr.ExpressionException;
import dev.atom.workflows.expr.Expressions;
import dev.atom.workflows.expr.Reference;
import dev.atom.workflows.expr.Template;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The engine's use of the expression language: compiles a definition's values when it is checked (every
 * error named with its place, references to steps that have not run yet refused) and evaluates them when a
 * step runs. Thread-safe.
 */
@Component
class Templates {
    /** The names a template may start with. */
    static final Set<String> ROOTS = Set.of("trigger", "steps", "event", "run");

    private final Expressions expressions;

    Templates(Clock clock) {
        this.expressions = new Expressions(clock);
    }

    /** Whether a value is filled in at run time (a string holding {@code {{}}}), so its type is unknown now. */
    static boolean isDynamic(JsonNode value) {
        return value.isString() && value.asString().contains("{{");
    }

    /**
     * Compiles {@code value}, adding every problem to {@code problems}: syntax, unknown functions, unknown
     * names, and steps that do not run before this one ({@code before}). Null when it does not compile.
     */
    Tpl compile(JsonNode value, String path, Set<String> before, List<FieldError> problems) {
        return compile(value, path, before, problems, Set.of());
    }

    /** As above, where {@code scoped} names are also readable (a for_each body's item and index). */
    Tpl compile(JsonNode value, String path, Set<String> before, List<FieldError> problems, Set<String> scoped) {
        List<ExpressionException> errors = expressions.validate(path, value);
        if (!errors.isEmpty()) {
            errors.forEach(e -> problems.add(problem(e)));
            return null;
        }
        Template template;
        try {
            template = expressions.compile(path, value);
        } catch (ExpressionException e) {
            problems.add(problem(e));
            return null;
        }
        List<FieldError> found = new ArrayList<>();
        for (Reference r : template.references()) {
            if (!ROOTS.contains(r.root()) && !scoped.contains(r.root())) {
                found.add(new FieldError(
                        r.templatePath(),
                        "unknown name '" + r.root() + "' at column " + r.column()
                                + " (expressions read trigger, steps, event or run)"));
            } else if (r.root().equals("steps")
                    && !r.segments().isEmpty()
                    && !before.contains(r.segments().getFirst())) {
                found.add(new FieldError(
                        r.templatePath(), r.text() + " refers to a step that does not run before this one"));
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new Tpl(value, template) : null;
    }

    /** Evaluates a compiled value against a run's context. */
    JsonNode render(Tpl tpl, JsonNode context) {
        try {
            return tpl.compiled().evaluate(context);
        } catch (ExpressionException e) {
            throw new TemplateFailure(e.getMessage());
        }
    }

    /** Evaluates a condition: truthy unless null, false, 0, "", [] or {}. */
    boolean test(Tpl tpl, JsonNode context) {
        try {
            return tpl.compiled().test(context);
        } catch (ExpressionException e) {
            throw new TemplateFailure(e.getMessage());
        }
    }

    private static FieldError problem(ExpressionException e) {
        String at = e.column() > 0 ? " at column " + e.column() : "";
        return new FieldError(e.path().isEmpty() ? "definition" : e.path(), e.reason() + at);
    }
}
