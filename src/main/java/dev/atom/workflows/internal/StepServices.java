package dev.atom.workflows.internal;

import org.springframework.stereotype.Component;

/** The step kinds that need the application's services (repositories, the AI gateway). Thread-safe. */
@Component
class StepServices {
    private final SubWorkflowStep subWorkflows;
    private final AiStep ai;

    StepServices(SubWorkflowStep subWorkflows, AiStep ai) {
        this.subWorkflows = subWorkflows;
        this.ai = ai;
    }

    SubWorkflowStep subWorkflows() {
        return subWorkflows;
    }

    AiStep ai() {
        return ai;
    }
}
