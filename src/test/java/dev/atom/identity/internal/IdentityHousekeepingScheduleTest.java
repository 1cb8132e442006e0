package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** Scheduling is switched on in the running application, and the identity sweep is planned every hour. */
class IdentityHousekeepingScheduleTest extends AppTestBase {
    @Autowired
    ScheduledTaskHolder scheduled;

    @Test
    void theSweepRunsEveryHour() {
        var sweep = scheduled.getScheduledTasks().stream()
                .filter(task -> task.toString().equals(IdentityHousekeeping.class.getName() + ".sweepNow"))
                .map(ScheduledTask::getTask)
                .toList();

        assertThat(sweep).singleElement().isInstanceOfSatisfying(FixedDelayTask.class, task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(5));
        });
    }
}
