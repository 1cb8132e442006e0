package dev.atom.workflows.internal;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A switch: the first case whose {@code equals} is the value runs. The chosen case is the step's output
 * ({@code {"case": 1, "value": ...}} or {@code {"case": "default"}}), so a resumed run takes the same case.
 */
final class SwitchStep {
    private final RunExecution execution;

    SwitchStep(RunExecution execution) {
        this.execution = execution;
    }

    Outcome run(Step.Switch step) {
        JsonNode value = execution.render(step.value());
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        int chosen = -1;
        for (int i = 0; i < step.cases().size() && chosen < 0; i++) {
            if (same(value, step.cases().get(i).equals())) {
                chosen = i;
            }
        }
        if (chosen >= 0) {
            output.put("case", chosen);
        } else {
            output.put("case", "default");
        }
        output.set("value", value);
        execution.succeed(step, null, output);
        return execution.walk(chosen(step, output));
    }

    /** The steps of the case recorded in a switch step's output. */
    static List<Step> chosen(Step.Switch step, JsonNode output) {
        JsonNode c = output.path("case");
        return c.isIntegralNumber()
                        && c.asInt() >= 0
                        && c.asInt() < step.cases().size()
                ? step.cases().get(c.asInt()).steps()
                : step.otherwise();
    }

    /** JSON equality, with numbers compared by value (1 equals 1.0). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
