package dev.atom.workflows.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes due runs from the table (queued ones, timers that fired, retries whose back-off ended, runs whose
 * worker died and whose lease expired) and runs a turn of each on a virtual thread, at most {@code
 * concurrency} at once; renews the leases of the runs in flight. Idle, it looks every poll interval, or at
 * once when {@link #wake} says there is local work.
 */
@Component
class EngineWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EngineWorker.class);
    private static final int BATCH = 32;

    private final RunEngine engine;
    private final RunRepository runs;
    private final WorkflowProperties properties;
    private final Clock clock;
    private final Semaphore slots;
    private final Semaphore signal = new Semaphore(0);
    private final ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread loop;
    private Thread heartbeat;

    EngineWorker(RunEngine engine, RunRepository runs, WorkflowProperties properties, Clock clock) {
        this.engine = engine;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.concurrency());
    }

    /** There is work to take now (a run was queued here). */
    void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    @Override
    public void start() {
        if (!properties.workers()) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("atom-workflow-worker").daemon().start(this::takeWork);
        heartbeat = Thread.ofPlatform().name("atom-workflow-leases").daemon().start(this::renewLeases);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            heartbeat.interrupt();
        }
        // runs in flight keep their leases until they expire; another instance (or this one restarted) resumes them
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void takeWork() {
        while (running) {
            try {
                int free = slots.availablePermits();
                List<Run> claimed = free == 0 ? List.of() : claim(Math.min(free, BATCH));
                for (Run run : claimed) {
                    slots.acquire();
                    turns.submit(() -> {
                        try {
                            engine.turn(run, true);
                        } catch (RuntimeException e) {
                            log.error("run {} turn failed; it resumes when its lease expires", run.id(), e);
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (claimed.size() < BATCH) {
                    signal.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("could not look for due workflow runs: {}", e.getMessage());
                sleepQuietly(properties.pollInterval().toMillis() * 4);
            }
        }
    }

    private List<Run> claim(int limit) {
        Instant now = clock.instant();
        return runs.claimDue(engine.owner(), now, now.plus(properties.lease()), limit);
    }

    private void renewLeases() {
        long every = Math.max(properties.lease().toMillis() / 3, 100);
        while (running) {
            sleepQuietly(every);
            Instant until = clock.instant().plus(properties.lease());
            for (String id : engine.held()) {
                try {
                    runs.renew(id, engine.owner(), until);
                } catch (RuntimeException e) {
                    log.warn("could not renew the lease of run {}: {}", id, e.getMessage());
                }
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
