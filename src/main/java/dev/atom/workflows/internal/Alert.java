package dev.atom.workflows.internal;

import java.time.Instant;

/** An open (or closed) alert about a workflow: trigger_silent, trigger_failing or connection_needs_reconnect. */
record Alert(
        String id,
        String workspaceId,
        String workflowId,
        String kind,
        String detail,
        Instant since,
        Instant closedAt) {}
