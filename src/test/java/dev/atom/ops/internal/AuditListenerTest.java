package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.web.ProblemHandler;
import dev.atom.testing.AppTestBase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Published audit events reach the audit log, with the request id, inside the publisher's transaction. */
class AuditListenerTest extends AppTestBase {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    AuditRepository repository;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void clearMdc() {
        MDC.remove(ProblemHandler.REQUEST_ID);
    }

    @Test
    void storesEveryPublishedEventWithTheCurrentRequestId() {
        String workspace = Ids.newId();
        String actor = Ids.newId();
        MDC.put(ProblemHandler.REQUEST_ID, "req-audit-1");

        events.publishEvent(new AuditEvent(workspace, actor, "role.changed", Map.of("role", "admin"), "192.0.2.1"));

        assertThat(repository.page(workspace, null, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("role.changed");
            assertThat(entry.actorUserId()).isEqualTo(actor);
            assertThat(entry.detail()).containsExactly(Map.entry("role", "admin"));
            assertThat(entry.ip()).isEqualTo("192.0.2.1");
            assertThat(entry.requestId()).isEqualTo("req-audit-1");
            assertThat(entry.createdAt()).isNotNull();
        });
    }

    @Test
    void anEventPublishedInARolledBackTransactionIsNotStored() {
        String workspace = Ids.newId();

        transactions.executeWithoutResult(status -> {
            events.publishEvent(new AuditEvent(workspace, null, "secret.written", Map.of(), null));
            assertThat(repository.page(workspace, null, 10)).hasSize(1);
            status.setRollbackOnly();
        });

        assertThat(repository.page(workspace, null, 10)).isEmpty();
    }
}
