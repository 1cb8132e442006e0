package dev.atom.workflows.internal;

import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A for_each: its body runs once per item, each iteration keying its step states {@code loop[i].step}, so
 * a resumed run replays finished iterations from their saved outputs and goes on with the others. With
 * concurrency above 1 iterations run on virtual threads; their states go through the run's shared {@link
 * RunLedger}. The output is the list of each iteration's last output.
 */
final class ForEachStep {
    static final int MAX_ITEMS = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RunExecution execution;
    private final EngineParts parts;

    ForEachStep(RunExecution execution, EngineParts parts) {
        this.execution = execution;
        this.parts = parts;
    }

    Outcome run(Step.ForEach step, StepState saved) {
        JsonNode items = execution.render(step.items());
        if (!items.isArray()) {
            return execution.fail(step, null, "items must be a list, not " + kind(items));
        }
        if (items.size() > MAX_ITEMS) {
            return execution.fail(
                    step,
                    null,
                    "items has " + items.size() + " entries; a for_each takes at most " + MAX_ITEMS
                            + " (split the list or page through it)");
        }
        Instant now = parts.now();
        // on record before the iterations, so the timeline shows the loop first
        StepState running = execution.save(
                step, StepStatus.RUNNING, 1, NODES.objectNode().put("items", items.size()), null, null, saved, now);
        int n = items.size();
        List<RunExecution> iterations = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            iterations.add(execution.iteration(
                    step.id() + "[" + i + "].", Map.of(step.as(), items.get(i), "index", NODES.numberNode(i))));
        }
        Outcome[] outcomes = new Outcome[n];
        if (step.concurrency() <= 1) {
            for (int i = 0; i < n; i++) {
                outcomes[i] = iterations.get(i).walk(step.steps());
                if (!(outcomes[i] instanceof Outcome.Continue)) {
                    break;
                }
            }
        } else {
            parallel(step, iterations, outcomes);
        }
        Outcome ended = firstEnd(outcomes);
        ArrayNode output = NODES.arrayNode();
        for (RunExecution it : iterations) {
            output.add(it.lastOutput() == null ? NODES.nullNode() : it.lastOutput());
        }
        return switch (ended) {
            case Outcome.Continue c -> execution.succeed(step, null, output);
            case Outcome.Failed f -> {
                execution.save(step, StepStatus.FAILED, 1, null, null, f.error(), running, parts.now());
                yield f;
            }
            case Outcome.Stopped s -> {
                execution.succeed(step, null, output);
                yield s;
            }
            default -> ended; // parked or cancelled: the loop stays running, finished iterations stay on record
        };
    }

    private void parallel(Step.ForEach step, List<RunExecution> iterations, Outcome[] outcomes) {
        Semaphore slots = new Semaphore(step.concurrency());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < iterations.size() && !stop.get(); i++) {
                int index = i;
                slots.acquireUninterruptibly();
                threads.submit(() -> {
                    try {
                        Outcome o = iterations.get(index).walk(step.steps());
                        outcomes[index] = o;
                        if (!(o instanceof Outcome.Continue) && !(o instanceof Outcome.Parked)) {
                            stop.set(true);
                        }
                    } catch (RuntimeException e) {
                        thrown.compareAndSet(null, e);
                        stop.set(true);
                    } finally {
                        slots.release();
                    }
                });
            }
        } // close() waits for every started iteration
        if (thrown.get() != null) {
            throw thrown.get(); // as a sequential walk would: the engine decides (lease lost, database away...)
        }
    }

    /**
     * How the iterations ended together: the first (by index) failure, cancel or stop; else, when some wait,
     * parked until the earliest due time (null: all wait for a person); else continue.
     */
    private static Outcome firstEnd(Outcome[] outcomes) {
        Instant due = null;
        boolean parked = false;
        boolean untimed = true;
        for (Outcome o : outcomes) {
            switch (o) {
                case null -> {}
                case Outcome.Failed f -> {
                    return f;
                }
                case Outcome.Cancelled c -> {
                    return c;
                }
                case Outcome.Stopped s -> {
                    return s;
                }
                case Outcome.Parked p -> {
                    parked = true;
                    if (p.dueAt() != null) {
                        untimed = false;
                        due = due == null || p.dueAt().isBefore(due) ? p.dueAt() : due;
                    }
                }
                default -> {}
            }
        }
        if (parked) {
            return new Outcome.Parked(untimed ? null : due);
        }
        for (Outcome o : outcomes) {
            if (o == null) {
                return new Outcome.Failed("internal error: an iteration did not run"); // cannot happen
            }
        }
        return Outcome.CONTINUE;
    }

    private static String kind(JsonNode v) {
        return v.isNull() ? "null" : v.isObject() ? "an object" : v.isString() ? "a string" : "a " + v.getNodeType();
    }
}
