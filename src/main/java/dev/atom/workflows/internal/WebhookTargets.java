package dev.atom.workflows.internal;

import dev.atom.shared.cache.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which enabled, published workflow a webhook token belongs to, cached for {@link #TTL}: the lookup is on every
 * webhook call (a profile of the Echo benchmark put it at 8-9 % of CPU). This instance forgets everything when a
 * workflow is published, switched on or off, or deleted; other instances may answer from a stale entry for at
 * most the TTL (a just-disabled workflow can take a call for two more seconds there). Thread-safe.
 */
@Component
class WebhookTargets {
    static final Duration TTL = Duration.ofSeconds(2);
    private final WorkflowRepository workflows;
    private final ExpiringCache<String, Optional<Workflow>> cache;

    WebhookTargets(WorkflowRepository workflows, Clock clock) {
        this.workflows = workflows;
        this.cache = new ExpiringCache<>(TTL, 10_000, clock);
    }

    /** The workflow listening at this token, when it is published and switched on. */
    Optional<Workflow> listening(String token) {
        long seen = cache.version();
        Optional<Workflow> cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        Optional<Workflow> found =
                workflows.findByWebhookToken(token).filter(w -> w.enabled() && w.activeVersion() != null);
        cache.putIfUnchanged(token, found, seen);
        return found;
    }

    /** A workflow's publication or switch changed: look again. */
    void changed() {
        cache.clear();
    }
}
