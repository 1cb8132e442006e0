package dev.atom.identity.internal;

import dev.atom.shared.audit.AuditEvent;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes the identity module's security events; ops writes them to the audit log. Never pass a secret. */
@Component
class AuditTrail {
    private final ApplicationEventPublisher events;

    AuditTrail(ApplicationEventPublisher events) {
        this.events = events;
    }

    void record(String workspaceId, String actorUserId, String type, Map<String, String> detail, String ip) {
        events.publishEvent(new AuditEvent(workspaceId, actorUserId, type, detail, ip));
    }
}
