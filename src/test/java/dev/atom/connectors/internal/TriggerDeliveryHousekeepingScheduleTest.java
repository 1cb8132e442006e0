package dev.atom.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** In the running application the trigger-delivery purge is planned every hour with the 7-day default. */
class TriggerDeliveryHousekeepingScheduleTest extends AppTestBase {
    @Autowired
    ScheduledTaskHolder scheduled;

    @Autowired
    TriggerDeliveryHousekeeping housekeeping;

    @Test
    void thePurgeRunsEveryHourKeepingSevenDays() {
        var purge = scheduled.getScheduledTasks().stream()
                .filter(task -> task.toString().equals(TriggerDeliveryHousekeeping.class.getName() + ".purgeNow"))
                .map(ScheduledTask::getTask)
                .toList();

        assertThat(purge).singleElement().isInstanceOfSatisfying(FixedDelayTask.class, task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(5));
        });
        assertThat(housekeeping.retention()).isEqualTo(Duration.ofDays(7));
    }
}
