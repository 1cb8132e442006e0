package dev.atom.workflows.internal;

/** An open alert as the API shows it. */
record AlertJson(String id, String workflowId, String workflowName, String kind, String detail, String since) {
    static AlertJson of(Alert a, String workflowName) {
        return new AlertJson(
                a.id(),
                a.workflowId(),
                workflowName,
                a.kind(),
                a.detail(),
                a.since().toString());
    }
}
