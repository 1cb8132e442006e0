package dev.atom.ops.internal;

import java.time.Instant;
import java.util.Map;

/** One row of the audit log as the API shows it; the workspace is implied by the caller. */
record AuditEntry(
        String id,
        String type,
        String actorUserId,
        Map<String, String> detail,
        String ip,
        String requestId,
        Instant createdAt) {}
