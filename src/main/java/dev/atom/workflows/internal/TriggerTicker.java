package dev.atom.workflows.internal;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the schedule, the poller and the watchdog every {@code atom.workflows.trigger-tick} (default 5 s; 0
 * switches them off on this instance). Every instance may run it: each slot and poll is taken by exactly one.
 * Tests pause it to drive the ticks themselves with instants of their choosing.
 */
@Component
class TriggerTicker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TriggerTicker.class);

    private final ScheduleFirer schedules;
    private final TriggerPoller poller;
    private final Watchdog watchdog;
    private final Clock clock;
    private final Duration every;
    private volatile boolean running;
    /** JVM-wide, because tests may run several application contexts on one database. */
    private static final Object LOCK = new Object();

    private static volatile boolean paused;
    private Thread loop;

    TriggerTicker(
            ScheduleFirer schedules,
            TriggerPoller poller,
            Watchdog watchdog,
            Clock clock,
            @Value("${atom.workflows.trigger-tick:5s}") Duration every) {
        this.schedules = schedules;
        this.poller = poller;
        this.watchdog = watchdog;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public void start() {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("atom-workflow-triggers").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * For tests: stops (true) or resumes (false) the background ticks of every instance in this JVM, so a test
     * drives the ticks with instants of its choosing; returns once a tick in progress and the polls it
     * started have finished.
     */
    static void pause(boolean pause) {
        synchronized (LOCK) {
            paused = pause;
        }
        if (pause) {
            TriggerPoller.awaitIdle(Duration.ofSeconds(60));
        }
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            tickOnce();
        }
    }

    private void tickOnce() {
        synchronized (LOCK) {
            if (paused) {
                return;
            }
            var now = clock.instant();
            try {
                schedules.tick(now);
                poller.start(now); // polls run on their own threads: a slow service holds up nothing here
                watchdog.tick(now);
            } catch (RuntimeException e) {
                log.warn("trigger tick failed; trying again in {}", every, e);
            }
        }
    }
}
