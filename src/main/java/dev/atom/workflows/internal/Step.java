package dev.atom.workflows.internal;

import java.time.Duration;
import java.util.List;

/**
 * One step of a workflow definition, as parsed and checked by {@link DefinitionParser}. Values that may hold
 * {@code {{ expressions }}} stay JSON and are rendered when the step runs. Immutable.
 */
sealed interface Step {

    /** Unique within the whole definition (nested steps included): the key of its state in a run. */
    String id();

    /** The wire name of the step's type. */
    String type();

    /** Whether running it can act on the outside world (then its state is saved before it runs). */
    default boolean sideEffects() {
        return false;
    }

    /** A connector action ({@code http.request}, {@code slack.post_message}) on a connection. */
    record Action(String id, String action, String connection, Tpl input, RetryPolicy retry, Duration timeout)
            implements Step {
        @Override
        public String type() {
            return "action";
        }

        @Override
        public boolean sideEffects() {
            return true;
        }
    }

    /**
     * Builds a new value from earlier ones: the rendered {@code output}, or, with {@code items}, a list made from
     * each item ({@code filter} keeps those it is truthy for, {@code map} shapes each one; both read {@code item}
     * and {@code index}); {@code pick} (may be empty) keeps only those fields of the result's object(s).
     */
    record Transform(String id, Tpl output, Tpl items, Tpl filter, Tpl map, List<String> pick) implements Step {
        public Transform {
            pick = pick == null ? List.of() : List.copyOf(pick);
        }

        @Override
        public String type() {
            return "transform";
        }
    }

    /** If/else: runs {@code then} when the {@code if} expression is truthy, otherwise {@code otherwise}. */
    record Condition(String id, Tpl condition, List<Step> then, List<Step> otherwise) implements Step {
        public Condition {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        @Override
        public String type() {
            return "condition";
        }
    }

    /** The answer to the webhook call that started the run (when the trigger waits for one). */
    record Respond(String id, Tpl status, Tpl body, Tpl headers) implements Step {
        @Override
        public String type() {
            return "respond";
        }
    }

    /** Ends the run as failed with a message. */
    record Fail(String id, Tpl message) implements Step {
        @Override
        public String type() {
            return "fail";
        }
    }

    /** Ends the run successfully here, skipping the steps after it. */
    record Stop(String id) implements Step {
        @Override
        public String type() {
            return "stop";
        }
    }

    /** A durable timer: waits {@code duration} (ISO-8601) or until the instant {@code until}. */
    record Delay(String id, Tpl duration, Tpl until) implements Step {
        @Override
        public String type() {
            return "delay";
        }

        @Override
        public boolean sideEffects() {
            return true; // not an effect outside, but the timer must be saved before the run sleeps
        }
    }

    /** Runs the steps of the first case whose {@code equals} is the value, else {@code otherwise}. */
    record Switch(String id, Tpl value, List<Case> cases, List<Step> otherwise) implements Step {
        public Switch {
            cases = List.copyOf(cases);
            otherwise = List.copyOf(otherwise);
        }

        /** One case: a JSON value compared with the switch's value, and its steps. */
        record Case(tools.jackson.databind.JsonNode equals, List<Step> steps) {
            public Case {
                steps = List.copyOf(steps);
            }
        }

        @Override
        public String type() {
            return "switch";
        }
    }

    /** Runs {@code steps} once per item (as {@code as} and {@code index}), up to {@code concurrency} at once. */
    record ForEach(String id, Tpl items, String as, int concurrency, List<Step> steps) implements Step {
        public ForEach {
            steps = List.copyOf(steps);
        }

        @Override
        public String type() {
            return "for_each";
        }
    }

    /** Starts a run of another published workflow of the workspace; with {@code await}, waits for its end. */
    record SubWorkflow(String id, String workflow, Tpl input, boolean await) implements Step {
        @Override
        public String type() {
            return "workflow";
        }

        @Override
        public boolean sideEffects() {
            return true;
        }
    }

    /**
     * Waits for a person in {@code approvers} (user ids or roles; empty: any member) to approve or reject, at
     * most {@code timeout} (null: no limit), then decides as {@code approveOnTimeout} says.
     */
    record Approval(
            String id,
            Tpl message,
            List<String> approvers,
            Duration timeout,
            boolean approveOnTimeout,
            boolean continueOnReject)
            implements Step {
        public Approval {
            approvers = List.copyOf(approvers);
        }

        @Override
        public String type() {
            return "approval";
        }

        @Override
        public boolean sideEffects() {
            return true;
        }
    }

    /** One completion through the AI gateway; with a {@code schema} the answer is JSON checked against it. */
    record Ai(String id, Tpl prompt, String model, Tpl system, tools.jackson.databind.JsonNode schema) implements Step {
        @Override
        public String type() {
            return "ai";
        }

        @Override
        public boolean sideEffects() {
            return true;
        }
    }

    /** How often and how soon a failed attempt is tried again; only retriable failures are retried. */
    record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }
}
