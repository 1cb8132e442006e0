package dev.atom.workflows.internal;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Runs a transform: a value, or a list filtered and mapped item by item, then the picked fields. Pure. */
final class TransformStep {
    static final int MAX_ITEMS = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final RunExecution execution;
    private final Templates templates;

    TransformStep(RunExecution execution, Templates templates) {
        this.execution = execution;
        this.templates = templates;
    }

    Outcome run(Step.Transform step) {
        if (step.items() == null) {
            return execution.succeed(step, null, pick(execution.render(step.output()), step.pick()));
        }
        JsonNode items = execution.render(step.items());
        if (!items.isArray()) {
            return execution.fail(
                    step,
                    null,
                    "items must be a list, not " + items.getNodeType().name().toLowerCase());
        }
        if (items.size() > MAX_ITEMS) {
            return execution.fail(step, null, "items has " + items.size() + " entries; at most " + MAX_ITEMS);
        }
        ArrayNode out = NODES.arrayNode();
        ObjectNode context = NODES.objectNode().setAll(execution.context());
        for (int i = 0; i < items.size(); i++) {
            context.set("item", items.get(i));
            context.set("index", NODES.numberNode(i));
            if (step.filter() != null && !templates.test(step.filter(), context)) {
                continue;
            }
            JsonNode value = step.map() == null ? items.get(i) : templates.render(step.map(), context);
            out.add(pick(value, step.pick()));
        }
        return execution.succeed(step, null, out);
    }

    /** Only the listed fields of an object (or of each object in a list); anything else as it is. */
    static JsonNode pick(JsonNode value, List<String> keys) {
        if (keys.isEmpty()) {
            return value;
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(v -> out.add(pick(v, keys)));
            return out;
        }
        if (!value.isObject()) {
            return value;
        }
        ObjectNode out = NODES.objectNode();
        for (String k : keys) {
            if (value.has(k)) {
                out.set(k, value.get(k));
            }
        }
        return out;
    }
}
