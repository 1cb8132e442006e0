package dev.atom.workflows.internal;

import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.web.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workflow definitions of a workspace: create and edit the draft (checked in full on every save, every
 * problem named), publish it as the next immutable version, switch the trigger on and off. Thread-safe.
 */
@Service
class WorkflowService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkflowRepository workflows;
    private final Connectors connectors;
    private final Templates templates;
    private final DefinitionCache cache;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TriggerSwitch triggers;
    private final WebhookTargets targets;
    private final WorkflowPrivacy privacy;

    WorkflowService(
            WorkflowRepository workflows,
            Connectors connectors,
            Templates templates,
            DefinitionCache cache,
            TransactionOperations transactions,
            ApplicationEventPublisher events,
            Clock clock,
            TriggerSwitch triggers,
            WebhookTargets targets,
            WorkflowPrivacy privacy) {
        this.privacy = privacy;
        this.workflows = workflows;
        this.connectors = connectors;
        this.templates = templates;
        this.cache = cache;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.triggers = triggers;
        this.targets = targets;
    }

    Workflow create(CurrentUser user, JsonNode definition) {
        Definition checked = check(user, user.userId(), definition);
        Instant now = clock.instant();
        Workflow w = new Workflow(
                Ids.newId(),
                user.workspaceId(),
                checked.name(),
                JSON.writeValueAsString(definition),
                null,
                false,
                newToken(),
                user.userId(),
                now,
                now);
        workflows.insert(w);
        audit(user, "workflow.created", w);
        return w;
    }

    Workflow update(CurrentUser user, String id, JsonNode definition) {
        Workflow w = get(user, id);
        Definition checked = check(user, w.createdBy(), definition);
        workflows.updateDraft(
                user.workspaceId(), id, checked.name(), JSON.writeValueAsString(definition), clock.instant());
        return get(user, id);
    }

    /** A workflow the user may see: theirs, or one that uses nothing private (another's private one is 404). */
    Workflow get(CurrentUser user, String id) {
        return workflows
                .find(user.workspaceId(), id)
                .filter(w -> privacy.visibleTo(w, user))
                .orElseThrow(() -> ApiException.notFound("Workflow"));
    }

    List<Workflow> list(CurrentUser user) {
        return workflows.list(user.workspaceId()).stream()
                .filter(w -> privacy.visibleTo(w, user))
                .toList();
    }

    void delete(CurrentUser user, String id) {
        Workflow w = get(user, id);
        transactions.executeWithoutResult(tx -> {
            triggers.delete(user.workspaceId(), id);
            workflows.delete(user.workspaceId(), id);
        });
        cache.forget(id);
        targets.changed();
        audit(user, "workflow.deleted", w);
    }

    /** Checks the draft again (connections may have gone), saves it as the next version and switches it on. */
    Workflow publish(CurrentUser user, String id) {
        Workflow w = get(user, id);
        check(user, w.createdBy(), JSON.readTree(w.draft()));
        Integer version = transactions.execute(
                tx -> workflows.publish(user.workspaceId(), id, w.draft(), user.userId(), clock.instant()));
        triggers.sync(user.workspaceId(), id);
        targets.changed();
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                "workflow.published",
                Map.of("workflow", id, "version", String.valueOf(version)),
                null));
        return get(user, id);
    }

    Workflow setEnabled(CurrentUser user, String id, boolean enabled) {
        Workflow w = get(user, id);
        if (enabled && w.activeVersion() == null) {
            throw ApiException.conflict("Publish the workflow before switching it on");
        }
        workflows.setEnabled(user.workspaceId(), id, enabled, clock.instant());
        triggers.sync(user.workspaceId(), id);
        targets.changed();
        audit(user, enabled ? "workflow.enabled" : "workflow.disabled", w);
        return get(user, id);
    }

    /** The draft's trigger type, for the resource's webhookUrl. */
    static String triggerType(Workflow w) {
        return JSON.readTree(w.draft()).path("trigger").path("type").asString("");
    }

    /** Checks a definition {@code user} saves into a workflow of {@code owner}: the parser's rules, then whose. */
    private Definition check(CurrentUser user, String owner, JsonNode definition) {
        String workspaceId = user.workspaceId();
        DefinitionParser parser = new DefinitionParser(connectors, workspaceId, templates)
                .checkingWorkflows(id -> workflows.find(workspaceId, id).map(Workflow::activeVersion));
        Definition d = parser.parse(definition);
        var problems = new java.util.ArrayList<>(d == null ? parser.problems() : List.of());
        for (var p : privacy.check(workspaceId, definition, user.userId(), owner)) {
            if (problems.stream().noneMatch(q -> q.field().equals(p.field()))) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            // paths are relative to the definition (steps[2].input.channel), as users read them in the builder
            throw ApiException.invalid(problems);
        }
        return d;
    }

    private void audit(CurrentUser user, String action, Workflow w) {
        events.publishEvent(new AuditEvent(
                user.workspaceId(), user.userId(), action, Map.of("workflow", w.id(), "name", w.name()), null));
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
