package dev.atom.connectors;

import java.util.List;
import java.util.function.BiFunction;

/**
 * An {@link Action} described by its fields and run by a function, made by {@link BaseAction#read} or {@link
 * BaseAction#write}. Immutable (each {@code with...} returns a copy) and thread-safe when the function is.
 */
public final class LambdaAction<I extends Record, O extends Record> extends BaseAction<I, O> {
    private final BiFunction<ActionContext, I, O> run;
    private final boolean reachesPeople;
    private final List<String> aliases;

    LambdaAction(
            String id,
            String name,
            String description,
            Class<I> input,
            Class<O> output,
            boolean writes,
            Idempotency idempotency,
            BiFunction<ActionContext, I, O> run) {
        this(id, name, description, input, output, writes, idempotency, run, false, List.of());
    }

    private LambdaAction(
            String id,
            String name,
            String description,
            Class<I> input,
            Class<O> output,
            boolean writes,
            Idempotency idempotency,
            BiFunction<ActionContext, I, O> run,
            boolean reachesPeople,
            List<String> aliases) {
        super(id, name, description, input, output, writes, idempotency);
        this.run = run;
        this.reachesPeople = reachesPeople;
        this.aliases = List.copyOf(aliases);
    }

    /** The same action marked as sending to other people (see {@link Action#reachesPeople()}). */
    public LambdaAction<I, O> reachingPeople() {
        return new LambdaAction<>(
                id(), name(), description(), inputType(), outputType(), writes(), idempotency(), run, true, aliases);
    }

    /** The same action also found under these former ids (see {@link Action#aliases()}). */
    public LambdaAction<I, O> withAliases(String... formerIds) {
        return new LambdaAction<>(
                id(),
                name(),
                description(),
                inputType(),
                outputType(),
                writes(),
                idempotency(),
                run,
                reachesPeople,
                List.of(formerIds));
    }

    @Override
    public boolean reachesPeople() {
        return reachesPeople;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public O execute(ActionContext context, I input) {
        return run.apply(context, input);
    }
}
