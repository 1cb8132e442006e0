package dev.atom.ops.internal;

import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.web.ProblemHandler;
import java.time.Clock;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes every published {@link AuditEvent} to the audit log, synchronously and inside the publisher's
 * transaction if it has one: the event is stored if and only if what it records is committed. A failure to
 * write propagates to the publisher, because a security action that cannot be audited should not pass silently.
 */
@Component
class AuditListener {
    private final AuditRepository repository;
    private final Clock clock;

    AuditListener(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @EventListener
    void on(AuditEvent event) {
        repository.append(event, MDC.get(ProblemHandler.REQUEST_ID), clock.instant());
    }
}
