package dev.atom.connectors.google;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import java.util.function.BiFunction;

/**
 * An {@link dev.atom.connectors.Action} described by its fields and run by a function: keeps each connector's
 * list of actions short where an action is a handful of lines. Immutable and thread-safe when the function is.
 */
public final class SimpleAction<I extends Record, O extends Record> extends BaseAction<I, O> {
    private final BiFunction<ActionContext, I, O> run;
    private final boolean reachesPeople;

    public SimpleAction(
            String id,
            String name,
            String description,
            Class<I> inputType,
            Class<O> outputType,
            boolean writes,
            Idempotency idempotency,
            BiFunction<ActionContext, I, O> run) {
        this(id, name, description, inputType, outputType, writes, idempotency, run, false);
    }

    private SimpleAction(
            String id,
            String name,
            String description,
            Class<I> inputType,
            Class<O> outputType,
            boolean writes,
            Idempotency idempotency,
            BiFunction<ActionContext, I, O> run,
            boolean reachesPeople) {
        super(id, name, description, inputType, outputType, writes, idempotency);
        this.run = run;
        this.reachesPeople = reachesPeople;
    }

    /** The same action marked as sending to other people (see {@link #reachesPeople()}). */
    public SimpleAction<I, O> reachingPeople() {
        return new SimpleAction<>(
                id(), name(), description(), inputType(), outputType(), writes(), idempotency(), run, true);
    }

    @Override
    public boolean reachesPeople() {
        return reachesPeople;
    }

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
