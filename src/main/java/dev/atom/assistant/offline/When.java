package dev.atom.assistant.offline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/** The date, time, range and duration phrases found in a request; null where the request said nothing. */
final class When {
    LocalDate date;
    LocalTime time;
    /** The time came from "morning", "evening", ... rather than a clock time. */
    boolean vagueTime;

    LocalTime endTime;
    Duration duration;
    /** An exact moment from an offset such as "in 2 hours". */
    ZonedDateTime exact;
    /** A range of days ("this week", "next month"), both ends included. */
    LocalDate from;

    LocalDate to;
    /** The range starts now-ish ("this week") rather than later ("next week"). */
    boolean currentRange;

    boolean overdue;

    boolean saidDay() {
        return date != null || exact != null;
    }

    boolean saidAnything() {
        return date != null || time != null || exact != null || from != null || duration != null || overdue;
    }
}
