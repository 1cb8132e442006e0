package dev.atom.assistant.offline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * What a request asks for, as {@link IntentParser} understood it. Times are already resolved in the request's zone;
 * titles and names are the person's own words without the date, time and priority phrases around them.
 */
public sealed interface Intent {

    /** The wire name of the intent ({@code create_task}, ...). */
    String name();

    /** A task to create; {@code dueTime} is null when only a date was given, both are null when no due date. */
    record CreateTask(String title, LocalDate dueDate, LocalTime dueTime, Priority priority) implements Intent {
        public String name() {
            return "create_task";
        }
    }

    /** Mark the task whose title best matches {@code name} as done. */
    record CompleteTask(String taskName) implements Intent {
        public String name() {
            return "complete_task";
        }
    }

    record ListTasks(TaskRange range) implements Intent {
        public String name() {
            return "list_tasks";
        }
    }

    /** The events from {@code from} to {@code to}, both days included. */
    record Agenda(LocalDate from, LocalDate to) implements Intent {
        public String name() {
            return "agenda";
        }
    }

    /** An event to create; an all-day event starts at the start of its day and ends at the start of the next. */
    record CreateEvent(String title, ZonedDateTime start, ZonedDateTime end, boolean allDay) implements Intent {
        public String name() {
            return "create_event";
        }
    }

    /** A free slot of {@code duration} between the start of {@code from} and the end of {@code to}. */
    record FindSlot(Duration duration, LocalDate from, LocalDate to) implements Intent {
        public String name() {
            return "find_slot";
        }
    }

    record Search(String query) implements Intent {
        public String name() {
            return "search";
        }
    }

    record Briefing() implements Intent {
        public String name() {
            return "briefing";
        }
    }

    /** Nothing the offline parser knows: the caller points to adding an AI key. */
    record Unknown() implements Intent {
        public String name() {
            return "unknown";
        }
    }

    /** The task priorities Atom stores, by their wire names. */
    enum Priority {
        NONE,
        LOW,
        MEDIUM,
        HIGH,
        URGENT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum TaskRange {
        TODAY,
        THIS_WEEK,
        OVERDUE,
        ALL;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
