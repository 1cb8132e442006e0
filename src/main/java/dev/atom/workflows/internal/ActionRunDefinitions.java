package dev.atom.workflows.internal;

import dev.atom.shared.web.ApiException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Action runs: one connector action run by the engine outside any workflow (an assistant's approved action, a
 * direct API call). Such a run has no stored workflow: its {@code workflow_id} is {@code action:<connection>}
 * (so retention keeps the last runs per connection) and its definition is made from its trigger data, {@code
 * {type, by, action: {connection, action, input, sendDelay, idempotencyKey, attempts}}}: an optional durable timer
 * (the send delay, a {@code delay} step, so a restart neither forgets nor repeats it) then the action step with
 * the engine's default retry policy ({@code attempts}: fewer, 1 for an API call). The input is taken as data, never rendered as a template: the text of a mail
 * may hold {@code {{ }}}. The run acts for {@code by}. Thread-safe (immutable).
 */
@Component
class ActionRunDefinitions {
    static final String PREFIX = "action:";
    static final String DELAY_STEP = "send_delay";
    static final String ACTION_STEP = "action";

    private final EngineParts parts;
    private final Tpl delay;

    ActionRunDefinitions(EngineParts parts, Templates templates) {
        this.parts = parts;
        List<FieldError> problems = new ArrayList<>();
        this.delay = templates.compile(
                JsonNodeFactory.instance.stringNode("{{ trigger.action.sendDelay }}"), DELAY_STEP, Set.of(), problems);
        if (delay == null) {
            throw new IllegalStateException("the send delay template does not compile: " + problems);
        }
    }

    static boolean isActionRun(Run run) {
        return run.workflowId().startsWith(PREFIX);
    }

    static String workflowId(String connectionId) {
        return PREFIX + connectionId;
    }

    /** The trigger data of an action run acting for {@code userId}. */
    static ObjectNode trigger(
            String type,
            String userId,
            String connectionId,
            String actionId,
            JsonNode input,
            Duration sendDelay,
            String idempotencyKey,
            boolean retries) {
        ObjectNode trigger =
                JsonNodeFactory.instance.objectNode().put("type", type).put("by", userId);
        ObjectNode action = trigger.putObject("action");
        action.put("connection", connectionId).put("action", actionId);
        action.set("input", input == null ? JsonNodeFactory.instance.objectNode() : input);
        if (sendDelay != null && !sendDelay.isZero() && !sendDelay.isNegative()) {
            action.put("sendDelay", sendDelay.toString());
        }
        if (idempotencyKey != null) {
            action.put("idempotencyKey", idempotencyKey);
        }
        if (!retries) {
            action.put("attempts", 1);
        }
        return trigger;
    }

    /** The key the service de-duplicates by, when the API caller gave one. */
    static Optional<String> idempotencyKey(JsonNode context) {
        JsonNode key = context.path("trigger").path("action").path("idempotencyKey");
        return key.isString() ? Optional.of(key.asString()) : Optional.empty();
    }

    /** True for the run of a direct API action call (trigger {@code api}). */
    static boolean directCall(JsonNode context) {
        JsonNode trigger = context.path("trigger");
        return "api".equals(trigger.path("type").asString(null))
                && trigger.path("action").isObject();
    }

    /** The action's input as given: data, not a template. */
    static JsonNode input(JsonNode context) {
        return context.path("trigger").path("action").path("input");
    }

    Definition definition(Run run) {
        JsonNode trigger = parts.json(run.triggerData());
        JsonNode action = trigger.path("action");
        List<Step> steps = new ArrayList<>();
        if (action.path("sendDelay").isString()) {
            steps.add(new Step.Delay(DELAY_STEP, delay, null));
        }
        steps.add(new Step.Action(
                ACTION_STEP,
                action.path("action").asString(""),
                action.path("connection").asString(null),
                null,
                action.has("attempts")
                        ? new Step.RetryPolicy(
                                action.get("attempts").asInt(),
                                Step.RetryPolicy.DEFAULT.initialBackoff(),
                                Step.RetryPolicy.DEFAULT.maxBackoff())
                        : Step.RetryPolicy.DEFAULT,
                null));
        return new Definition(
                action.path("action").asString("action"), new Definition.Trigger.Manual(), steps, trigger, null, 0);
    }
}
