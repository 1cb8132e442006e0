package dev.atom.shared.audit;

import java.util.Map;

/**
 * A security-relevant fact (sign-up, login, failed login, token created or revoked, role change, secret
 * written or rotated), published as an application event by the module where it happens and written to
 * the audit log by ops. {@code workspaceId} and {@code actorUserId} may be null (a failed login of an
 * unknown email); {@code detail} must never hold a secret.
 */
public record AuditEvent(String workspaceId, String actorUserId, String type, Map<String, String> detail, String ip) {

    public AuditEvent {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
