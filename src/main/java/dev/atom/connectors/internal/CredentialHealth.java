package dev.atom.connectors.internal;

import dev.atom.shared.audit.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every connection's credentials on a schedule with the connector's own cheap health call (which also
 * refreshes an expiring OAuth token, so a sign-in that lives only while used stays alive), every {@code
 * interval}, spread at random by up to a tenth of it. Several instances on one PostgreSQL never check one
 * connection twice: a check is claimed by moving the connection's {@code health_due_at} forward in one
 * compare-and-set UPDATE. Connections never planned (new, or from before this existed) get a random due time
 * within one interval instead of all being checked at once; at most {@code concurrency} checks run at once per
 * instance. After a check, a sign-in forecast to end within {@code warn-before} is told to its owner once
 * (audit {@code connection.expires_soon}; the briefing and the Connections page show it). Thread-safe.
 */
@Component
@EnableConfigurationProperties(CredentialHealthProperties.class)
class CredentialHealth {
    private static final Logger log = LoggerFactory.getLogger(CredentialHealth.class);

    private final ConnectionRepository connections;
    private final ConnectionService service;
    private final HealthForecasts forecasts;
    private final CredentialHealthProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

    CredentialHealth(
            ConnectionRepository connections,
            ConnectionService service,
            HealthForecasts forecasts,
            CredentialHealthProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.connections = connections;
        this.service = service;
        this.forecasts = forecasts;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${atom.connectors.health.tick:PT1M}",
            fixedDelayString = "${atom.connectors.health.tick:PT1M}")
    void tick() {
        if (!properties.scheduler()) {
            return;
        }
        try {
            int checked = runDue(clock.instant());
            if (checked > 0) {
                log.debug("checked the credentials of {} connections", checked);
            }
        } catch (RuntimeException e) {
            log.warn("the scheduled credential check failed: {}", e.getMessage());
        }
    }

    /**
     * Claims and runs the checks due at {@code now} (at most {@code batch}), waiting for them; returns how many
     * connections were checked (not those only planned, nor those another instance claimed first).
     */
    int runDue(Instant now) {
        Semaphore slots = new Semaphore(properties.concurrency());
        List<Future<?>> running = new ArrayList<>();
        for (var due : connections.dueForHealth(now, properties.batch())) {
            Connection c = connections.find(due.workspaceId(), due.id()).orElse(null);
            if (c == null) {
                continue;
            }
            boolean recent = c.lastCheckedAt() != null && c.lastCheckedAt().isAfter(now.minus(properties.interval()));
            // a connection seen for the first time that was checked lately is only planned, at a random time
            boolean planOnly = due.dueAt() == null && recent;
            Instant next = planOnly ? now.plus(fraction(properties.interval(), 1.0)) : next(now);
            if (!connections.claimHealthCheck(c.workspaceId(), c.id(), due.dueAt(), next) || planOnly) {
                continue;
            }
            running.add(checks.submit(() -> {
                slots.acquireUninterruptibly();
                try {
                    check(c, now);
                } finally {
                    slots.release();
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("a scheduled credential check failed: {}", e.getCause().toString());
            }
        }
        return running.size();
    }

    /** The connector's health check (the verdict is recorded), then the owner told if the sign-in ends soon. */
    private void check(Connection c, Instant now) {
        Connection after = service.checkScheduled(c);
        if (after.status() != ConnectionStatus.CONNECTED) {
            return;
        }
        forecasts.forecast(after).filter(f -> forecasts.soon(f, now)).ifPresent(f -> {
            if (connections.markExpiryWarned(after.workspaceId(), after.id(), now)) {
                log.info("connection {} ({}) signs out by {}: {}", after.id(), after.connector(), f.at(), f.why());
                events.publishEvent(new AuditEvent(
                        after.workspaceId(),
                        null,
                        "connection.expires_soon",
                        Map.of(
                                "connection", after.id(),
                                "connector", after.connector(),
                                "owner", after.createdBy(),
                                "expiresAt", f.at().toString(),
                                "why", f.why()),
                        null));
            }
        });
    }

    private Instant next(Instant now) {
        return now.plus(properties.interval()).plus(fraction(properties.interval(), 0.1));
    }

    /** A random part of {@code d}, up to {@code share} of it. */
    private static Duration fraction(Duration d, double share) {
        long bound = Math.max(1, (long) (d.toMillis() * share));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound));
    }
}
