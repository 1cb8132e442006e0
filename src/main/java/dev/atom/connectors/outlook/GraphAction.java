package dev.atom.connectors.outlook;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import java.util.function.BiFunction;

/** An action described by its fields and run by a function. Immutable and thread-safe when the function is. */
final class GraphAction<I extends Record, O extends Record> extends BaseAction<I, O> {
    private final BiFunction<ActionContext, I, O> run;
    private final boolean reachesPeople;

    GraphAction(
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

    private GraphAction(
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
    GraphAction<I, O> reachingPeople() {
        return new GraphAction<>(
                id(), name(), description(), inputType(), outputType(), writes(), idempotency(), run, true);
    }

    @Override
    public boolean reachesPeople() {
        return reachesPeople;
    }

    static <I extends Record, O extends Record> GraphAction<I, O> read(
            String id,
            String name,
            String description,
            Class<I> in,
            Class<O> out,
            BiFunction<ActionContext, I, O> run) {
        return new GraphAction<>(id, name, description, in, out, false, Idempotency.NATURAL, run);
    }

    @Override
    public O execute(ActionContext context, I input) {
        return run.apply(context, input);
    }
}
