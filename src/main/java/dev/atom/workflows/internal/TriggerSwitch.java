package dev.atom.workflows.internal;

import dev.atom.secrets.SecretStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Switches a workflow's trigger on (publish, enable) and off (disable, delete): the workflow_triggers row the
 * scheduler, poller and watchdog work from. Also holds the signing secret of connector webhook triggers,
 * encrypted in the secret store. Thread-safe.
 */
@Component
class TriggerSwitch {
    static final String SECRET_PURPOSE = "webhook-signing-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TriggerRepository triggers;
    private final AlertRepository alerts;
    private final TriggerRuns live;
    private final SecretStore secrets;
    private final Clock clock;

    TriggerSwitch(
            TriggerRepository triggers, AlertRepository alerts, TriggerRuns live, SecretStore secrets, Clock clock) {
        this.triggers = triggers;
        this.alerts = alerts;
        this.live = live;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Arms the active version's trigger when the workflow is published and on, else switches it off. */
    void sync(String workspaceId, String workflowId) {
        var found = live.live(workspaceId, workflowId);
        if (found.isEmpty() || found.get().definition() == null) {
            triggers.disarm(workspaceId, workflowId);
            return;
        }
        Definition d = found.get().definition();
        Instant now = clock.instant();
        Duration expect = TriggerParsers.expectOf(d.json());
        Long expectSeconds = expect == null ? null : expect.toSeconds();
        TriggerState state = switch (d.trigger()) {
            case Definition.Trigger.Schedule s ->
                TriggerState.armed(
                        workflowId,
                        workspaceId,
                        "schedule",
                        "schedule:" + s.slots().cron() + "@" + s.slots().zone(),
                        s.slots().next(now),
                        null,
                        expectSeconds,
                        now);
            case Definition.Trigger.ConnectorEvent c ->
                TriggerState.armed(
                        workflowId,
                        workspaceId,
                        c.polls() ? "polling" : "connector_webhook",
                        c.type() + ":" + c.connectionId(),
                        c.polls() ? now : null,
                        c.connectionId(),
                        expectSeconds,
                        now);
            default ->
                TriggerState.armed(
                        workflowId,
                        workspaceId,
                        d.trigger().type(),
                        d.trigger().type(),
                        null,
                        null,
                        expectSeconds,
                        now);
        };
        triggers.arm(state);
        // switching on again is the owner's answer to these: a new failure opens them again
        alerts.close(workspaceId, workflowId, Watchdog.FAILING, now);
        alerts.close(workspaceId, workflowId, Watchdog.RECONNECT, now);
    }

    void delete(String workspaceId, String workflowId) {
        triggers.find(workspaceId, workflowId).ifPresent(t -> {
            if (t.secretId() != null) {
                secrets.delete(t.secretId(), workspaceId);
            }
        });
        triggers.delete(workspaceId, workflowId);
        alerts.deleteFor(workspaceId, workflowId);
    }

    /**
     * Makes a new signing secret for a connector webhook trigger (replacing the old one) and returns it: the
     * only time it is shown, to paste into the service's webhook settings. Null when the trigger is not on.
     */
    String newSigningSecret(String workspaceId, String workflowId) {
        var t = triggers.find(workspaceId, workflowId).filter(TriggerState::active);
        if (t.isEmpty()) {
            return null;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        String owner = owner(workflowId);
        if (t.get().secretId() == null) {
            triggers.setSecret(workspaceId, workflowId, secrets.put(workspaceId, owner, SECRET_PURPOSE, secret));
        } else {
            secrets.update(t.get().secretId(), workspaceId, owner, SECRET_PURPOSE, secret);
        }
        return secret;
    }

    /** The signing secret of a connector webhook trigger, or null when none was made. */
    String signingSecret(TriggerState t) {
        if (t.secretId() == null) {
            return null;
        }
        return secrets.get(t.secretId(), t.workspaceId(), owner(t.workflowId()), SECRET_PURPOSE)
                .orElse(null);
    }

    private static String owner(String workflowId) {
        return "workflow:" + workflowId;
    }
}
