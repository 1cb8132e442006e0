package dev.atom.connectors;

import java.util.function.BiFunction;

/**
 * The fixed facts of an {@link Action} (id, name, description, input and output records, whether it writes,
 * how a retry is made safe) held in one place, so a connector's action class is only its records and its
 * {@link #execute} call. Subclasses must stay stateless and thread-safe, as every {@link Action}.
 *
 * <pre>{@code
 * static final class ListBoards extends BaseAction<BoardsInput, Boards> {
 *     ListBoards() {
 *         super("trello.list_boards", "List boards", "...", BoardsInput.class, Boards.class,
 *                 false, Idempotency.NATURAL);
 *     }
 *
 *     public Boards execute(ActionContext context, BoardsInput input) { ... }
 * }
 * }</pre>
 *
 *
 * <p>An action that is a few lines is better built by {@link #read} or {@link #write} from a lambda, which
 * keeps a connector's action list in one short file:
 *
 * <pre>{@code
 * BaseAction.read("todoist.list_projects", "List projects", "Lists your Todoist projects.",
 *         ProjectsInput.class, Projects.class, (ctx, in) -> TodoistApi.projects(ctx));
 * BaseAction.write("todoist.create_task", "Create a task", "Adds a task.", TaskInput.class, Task.class,
 *         Idempotency.KEY, TodoistTasks::create).withAliases("todoist.add_task");
 * }</pre>
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public abstract class BaseAction<I extends Record, O extends Record> implements Action<I, O> {
    private final String id;
    private final String name;
    private final String description;
    private final Class<I> input;
    private final Class<O> output;
    private final boolean writes;
    private final Idempotency idempotency;

    protected BaseAction(
            String id,
            String name,
            String description,
            Class<I> input,
            Class<O> output,
            boolean writes,
            Idempotency idempotency) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.input = input;
        this.output = output;
        this.writes = writes;
        this.idempotency = idempotency;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Class<I> inputType() {
        return input;
    }

    @Override
    public final Class<O> outputType() {
        return output;
    }

    @Override
    public final boolean writes() {
        return writes;
    }

    @Override
    public final Idempotency idempotency() {
        return idempotency;
    }

    /** A read-only action run by {@code run} (retried freely: {@link Idempotency#NATURAL}). */
    public static <I extends Record, O extends Record> LambdaAction<I, O> read(
            String id,
            String name,
            String description,
            Class<I> input,
            Class<O> output,
            BiFunction<ActionContext, I, O> run) {
        return new LambdaAction<>(id, name, description, input, output, false, Idempotency.NATURAL, run);
    }

    /** An action that changes something at the service, run by {@code run}; {@code idempotency} says how a retry is safe. */
    public static <I extends Record, O extends Record> LambdaAction<I, O> write(
            String id,
            String name,
            String description,
            Class<I> input,
            Class<O> output,
            Idempotency idempotency,
            BiFunction<ActionContext, I, O> run) {
        return new LambdaAction<>(id, name, description, input, output, true, idempotency, run);
    }
}
