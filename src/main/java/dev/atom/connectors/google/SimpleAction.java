package dev.atom.connectors.google;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import java.util.function.BiFunction;

/**
 * An {@link Action} described by its fields and run by a function: keeps each connector's list of actions
 * short where an action is a handful of lines. Immutable and thread-safe when the function is.
 */
public record SimpleAction<I extends Record, O extends Record>(
        String id,
        String name,
        String description,
        Class<I> inputType,
        Class<O> outputType,
        boolean writes,
        Idempotency idempotency,
        BiFunction<ActionContext, I, O> run)
        implements Action<I, O> {

    /** A read-only action (retried freely). */
    public static <I extends Record, O extends Record> SimpleAction<I, O> read(
            String id,
            String name,
            String description,
            Class<I> in,
            Class<O> out,
            BiFunction<ActionContext, I, O> run) {
        return new SimpleAction<>(id, name, description, in, out, false, Idempotency.NATURAL, run);
    }

    @Override
    public O execute(ActionContext context, I input) {
        return run.apply(context, input);
    }
}
