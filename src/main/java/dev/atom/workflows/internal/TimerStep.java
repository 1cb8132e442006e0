package dev.atom.workflows.internal;

import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A durable timer: the first turn saves when it ends and parks the run until then; the turn that comes after
 * (on whatever instance, after any restart) sees the saved end and goes on.
 */
final class TimerStep {
    private static final Duration MAX_WAIT = Duration.ofDays(366);
    private final RunExecution execution;
    private final EngineParts parts;

    TimerStep(RunExecution execution, EngineParts parts) {
        this.execution = execution;
        this.parts = parts;
    }

    Outcome delay(Step.Delay step, StepState saved) {
        Instant now = parts.now();
        if (saved != null && saved.status() == StepStatus.WAITING) {
            Instant until =
                    Instant.parse(parts.json(saved.output()).path("until").asString());
            return now.isBefore(until) ? new Outcome.Parked(until) : done(step, saved, until);
        }
        Instant until;
        try {
            until = step.duration() != null
                    ? now.plus(Duration.parse(text(execution.render(step.duration()))))
                    : OffsetDateTime.parse(text(execution.render(step.until()))).toInstant();
        } catch (DateTimeParseException e) {
            return execution.fail(step, null, "not an ISO-8601 duration or date-time: " + e.getParsedString());
        }
        if (Duration.between(now, until).compareTo(MAX_WAIT) > 0) {
            return execution.fail(step, null, "waits longer than a year (until " + until + ")");
        }
        var output = JsonNodeFactory.instance.objectNode().put("until", until.toString());
        StepState waiting = execution.save(step, StepStatus.WAITING, 1, null, output, null, saved, now);
        return now.isBefore(until) ? new Outcome.Parked(until) : done(step, waiting, until);
    }

    private Outcome done(Step.Delay step, StepState saved, Instant until) {
        return execution.succeed(
                step, null, JsonNodeFactory.instance.objectNode().put("until", until.toString()));
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }
}
