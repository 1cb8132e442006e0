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

    /** Builds a new value from earlier ones: its output is the rendered {@code output} template. */
    record Transform(String id, Tpl output) implements Step {
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

    /** How often and how soon a failed attempt is tried again; only retriable failures are retried. */
    record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }
}
