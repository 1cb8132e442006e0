package dev.atom.workflows.internal;

import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks one run's steps from the start. Steps that already succeeded (a resumed run) are not run again: their
 * saved output goes back into the context and a condition takes the branch it took before, so a resumed run
 * follows the same path. Step states are buffered and saved by {@link #flush} before anything acts on the
 * outside world, and at the end. One instance per run turn, on one thread.
 */
final class RunExecution {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Run run;
    private final EngineParts parts;
    private final RunLedger ledger;
    /** Prepended to step ids to key their states: empty for the run, {@code loop[3].} in an iteration. */
    private final String prefix;

    private final ObjectNode context;
    private final ObjectNode stepsNode;
    private final Persistence persistence;
    private JsonNode response;
    private JsonNode lastOutput;

    /** Where the run's state goes: the engine's store for this run turn. */
    interface Persistence {
        /** Saves the buffered step states (and the run row, the first time) before a side effect. */
        void flush(RunExecution execution);

        /** Whether the run was cancelled meanwhile (checked between steps). */
        boolean cancelled();
    }

    RunExecution(Run run, JsonNode trigger, List<StepState> saved, EngineParts parts, Persistence persistence) {
        this.run = run;
        this.parts = parts;
        this.persistence = persistence;
        this.ledger = new RunLedger(saved);
        this.prefix = "";
        this.context = NODES.objectNode();
        this.stepsNode = NODES.objectNode();
        context.set("trigger", trigger);
        if (trigger.has("event")) {
            context.set("event", trigger.get("event"));
        }
        context.set("steps", stepsNode);
        context.set("run", NODES.objectNode().put("id", run.id()).put("workflowId", run.workflowId()));
    }

    /** An iteration of a for_each: its own step keys and context (the parent's plus its variables). */
    private RunExecution(RunExecution parent, String prefix, Map<String, JsonNode> variables) {
        this.run = parent.run;
        this.parts = parent.parts;
        this.persistence = parent.persistence;
        this.ledger = parent.ledger;
        this.prefix = prefix;
        // shallow copies: the parent's values are only read while its iterations run
        this.context = NODES.objectNode().setAll(parent.context);
        this.stepsNode = NODES.objectNode().setAll(parent.stepsNode);
        context.set("steps", stepsNode);
        variables.forEach(context::set);
    }

    RunExecution iteration(String iterationPrefix, Map<String, JsonNode> variables) {
        return new RunExecution(this, prefix + iterationPrefix, variables);
    }

    /** The key of a step's state in this run: its id, prefixed inside for_each iterations. */
    String key(Step step) {
        return prefix + step.id();
    }

    Outcome walk(List<Step> steps) {
        for (Step step : steps) {
            if (persistence.cancelled()) {
                return new Outcome.Cancelled();
            }
            Outcome outcome = one(step);
            if (!(outcome instanceof Outcome.Continue)) {
                return outcome;
            }
        }
        return Outcome.CONTINUE;
    }

    private Outcome one(Step step) {
        StepState saved = ledger.get(key(step));
        if (saved != null && saved.status() == StepStatus.SUCCEEDED) {
            JsonNode output = parts.json(saved.output());
            remember(step.id(), output);
            if (step instanceof Step.Respond) {
                response = output;
            }
            return switch (step) {
                case Step.Condition c -> walk(branch(c, output));
                case Step.Switch w -> walk(SwitchStep.chosen(w, output));
                default -> Outcome.CONTINUE;
            };
        }
        try {
            return switch (step) {
                case Step.Transform t -> new TransformStep(this, parts.templates()).run(t);
                case Step.Condition c -> condition(c);
                case Step.Respond r -> respond(r);
                case Step.Fail f -> fail(step, null, text(render(f.message())));
                case Step.Stop s -> {
                    succeed(s, null, NODES.objectNode());
                    yield new Outcome.Stopped();
                }
                case Step.Delay d -> new TimerStep(this, parts).delay(d, saved);
                case Step.Action a -> new ActionStep(this, parts).run(a, saved);
                case Step.Switch w -> new SwitchStep(this).run(w);
                case Step.ForEach f -> new ForEachStep(this, parts).run(f, saved);
                case Step.SubWorkflow w -> parts.steps().subWorkflows().run(this, w, saved);
                case Step.Approval a -> new ApprovalStep(this, parts).run(a, saved);
                case Step.Ai a -> parts.steps().ai().run(this, a, saved);
            };
        } catch (TemplateFailure e) {
            return fail(step, null, e.getMessage());
        }
    }

    private Outcome condition(Step.Condition c) {
        boolean yes = parts.templates().test(c.condition(), context);
        ObjectNode output =
                NODES.objectNode().put("branch", yes ? "then" : "else").put("value", yes);
        succeed(c, null, output);
        return walk(branch(c, output));
    }

    private static List<Step> branch(Step.Condition c, JsonNode output) {
        return "then".equals(output.path("branch").asString("")) ? c.then() : c.otherwise();
    }

    private Outcome respond(Step.Respond r) {
        JsonNode status = r.status() == null ? NODES.numberNode(200) : render(r.status());
        int code = status.canConvertToInt() ? status.asInt() : parseStatus(status.asString(""));
        if (code < 100 || code > 599) {
            return fail(r, null, r.id() + ".status: " + status + " is not an HTTP status");
        }
        ObjectNode output = NODES.objectNode().put("status", code);
        output.set("body", r.body() == null ? NODES.nullNode() : render(r.body()));
        output.set("headers", r.headers() == null ? NODES.objectNode() : render(r.headers()));
        if (response == null) {
            response = output; // the first respond step answers; later ones are recorded only
        }
        return succeed(r, null, output);
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // --- used by the step kinds ---

    JsonNode render(Tpl template) {
        return parts.templates().render(template, context);
    }

    Run run() {
        return run;
    }

    /** The input a replay gave for this step in place of its rendered one, if any. */
    Optional<JsonNode> replayInput(String stepId) {
        JsonNode replay = context.path("trigger").path("replay");
        return stepId.equals(replay.path("step").asString(null)) ? Optional.of(replay.get("input")) : Optional.empty();
    }

    Outcome succeed(Step step, JsonNode input, JsonNode output) {
        StepState prior = ledger.get(key(step));
        Instant now = parts.now();
        save(step, StepStatus.SUCCEEDED, prior == null ? 0 : prior.attempts(), input, output, null, prior, now);
        remember(step.id(), parts.json(parts.capped(output)));
        return Outcome.CONTINUE;
    }

    Outcome fail(Step step, JsonNode input, String error) {
        StepState prior = ledger.get(key(step));
        save(step, StepStatus.FAILED, prior == null ? 0 : prior.attempts(), input, null, error, prior, parts.now());
        return new Outcome.Failed(key(step) + ": " + error);
    }

    /** Records a step's state (buffered until the next flush) and returns it. */
    StepState save(
            Step step,
            StepStatus status,
            int attempts,
            JsonNode input,
            JsonNode output,
            String error,
            StepState prior,
            Instant now) {
        boolean done = status == StepStatus.SUCCEEDED || status == StepStatus.FAILED;
        StepState s = new StepState(
                run.id(),
                key(step),
                run.workspaceId(),
                prior == null ? ledger.nextSeq() : prior.seq(),
                status,
                attempts,
                input == null ? (prior == null ? null : prior.input()) : parts.capped(parts.redacted(input)),
                output == null ? null : parts.capped(output),
                error == null ? null : parts.cappedText(error),
                prior == null || prior.startedAt() == null ? now : prior.startedAt(),
                done ? now : null);
        ledger.record(s);
        if (output != null) {
            lastOutput = output;
        }
        return s;
    }

    void flush() {
        synchronized (ledger) { // iterations running in parallel flush one at a time
            persistence.flush(this);
        }
    }

    List<StepState> takeDirty() {
        return ledger.takeDirty();
    }

    boolean cancelled() {
        return persistence.cancelled();
    }

    ObjectNode context() {
        return context;
    }

    /** The first respond step's {status, body, headers}, or null when none ran. */
    JsonNode response() {
        return response;
    }

    /** The output of the last step that produced one: the run's output. */
    JsonNode lastOutput() {
        return lastOutput;
    }

    private void remember(String stepId, JsonNode output) {
        stepsNode.set(stepId, NODES.objectNode().set("output", output));
        lastOutput = output;
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }
}
