package dev.atom.workspace.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the sync engine in the background: every tick it syncs the connections with a due feed, each on a virtual
 * thread, at most {@code concurrency} at once; every interval it reconciles the rows with the connections. Woken
 * at once by "sync now" and new connections. Off when {@code atom.workspace.sync.scheduler=false}.
 */
@Component
class SyncScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    private final SyncEngine engine;
    private final SyncProperties properties;
    private final Clock clock;
    private final Semaphore slots;
    private final Semaphore signal = new Semaphore(0);
    private final ExecutorService syncs = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread loop;
    private Instant reconciledAt = Instant.MIN;

    SyncScheduler(SyncEngine engine, SyncProperties properties, Clock clock) {
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.concurrency());
    }

    /** Something is due now (sync now, a new or reconnected connection). */
    void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    @Override
    public void start() {
        if (!properties.scheduler()) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("atom-sync").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        // syncs in flight end with the process; their cursors are saved page by page and leases expire
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (clock.instant().isAfter(reconciledAt.plus(properties.interval()))) {
                    engine.reconcile();
                    reconciledAt = clock.instant();
                }
                int free = slots.availablePermits();
                for (var c : free == 0 ? java.util.List.<SyncFeedRepository.KnownConnection>of() : engine.due(free)) {
                    slots.acquire();
                    syncs.submit(() -> {
                        try {
                            engine.syncConnection(c.workspaceId(), c.connectionId());
                        } catch (RuntimeException e) {
                            log.warn("syncing connection {} failed", c.connectionId(), e);
                        } finally {
                            slots.release();
                        }
                    });
                }
                signal.tryAcquire(properties.tick().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("could not look for due syncs: {}", e.getMessage());
                try {
                    Thread.sleep(properties.tick().toMillis() * 4);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
