package dev.atom.assistant.offline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the date, time, range and duration phrases of a request and marks them used, resolving them against
 * {@code now} in its zone. Order matters: offsets before durations ("in 2 hours" is a moment, "for 2 hours" a
 * length), time ranges before single times, dates before the bare "at 9".
 */
final class WhenFinder {
    private static final String DATE_LEAD = "(?:(?:due|by|before|on|for|until|till|from|starting|no later than)\\s+)?";
    private static final String TIME_LEAD = "(?:(?:at|@|by|around|from|before|until|till|starting at)\\s+)?";
    private static final String WEEKDAY =
            "(monday|tuesday|wednesday|thursday|friday|saturday|sunday" + "|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)";
    private static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final String CLOCK = "(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?";

    private static final Pattern ISO =
            Pattern.compile("\\b" + DATE_LEAD + "(\\d{4})-(\\d{2})-(\\d{2})(?:[t ](\\d{2}):(\\d{2}))?\\b");
    private static final Pattern OFFSET = Pattern.compile("\\b(?:in|within)\\s+" + Numbers.AMOUNT
            + "\\s*(minutes?|mins?|m|hours?|hrs?|h|days?|weeks?|wks?|months?)\\b(?:\\s+from\\s+now)?");
    private static final Pattern FROM_NOW = Pattern.compile("\\b" + Numbers.AMOUNT
            + "\\s*(minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\\s+(?:from\\s+(?:now|today)|later)\\b");
    private static final Pattern TIME_RANGE = Pattern.compile(
            "\\b(?:from\\s+|between\\s+)?" + CLOCK + "\\s*(?:-|–|to|until|till|and)\\s*" + CLOCK + "(?![\\d:])");
    private static final Pattern AFTER_TOMORROW =
            Pattern.compile("\\b" + DATE_LEAD + "(?:the\\s+)?day after tomorrow\\b");
    private static final Pattern DAY_WORD = Pattern.compile(
            "\\b" + DATE_LEAD + "(today|tonight|tomorrow|tmrw|tmr|tomorrow night|this morning|this afternoon"
                    + "|this evening|tomorrow morning|tomorrow afternoon|tomorrow evening)\\b");
    private static final Pattern END_OF = Pattern.compile(
            "\\b(?:by\\s+|before\\s+)?(?:the\\s+)?(?:end of (?:the )?(day|week|month)|(eod|eow|eom))\\b");
    private static final Pattern RANGE = Pattern.compile(
            "\\b(?:for\\s+|during\\s+|in\\s+|over\\s+|by\\s+)?(?:the\\s+)?(this|next|coming|rest of (?:the|this)|my)?\\s*"
                    + "(week|weekend|month)\\b");
    private static final Pattern NEXT_DAYS = Pattern.compile(
            "\\b(?:in|over|within|for)?\\s*(?:the\\s+)?(?:next|coming)\\s+" + Numbers.AMOUNT + "\\s+days\\b");
    private static final Pattern WEEKDAY_PHRASE =
            Pattern.compile("\\b" + DATE_LEAD + "(this|next|coming)?\\s*" + WEEKDAY + "\\b(?:\\s+next week)?");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b" + DATE_LEAD + "(?:the\\s+)?" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("\\b" + DATE_LEAD
            + "(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?" + "\\s+(?:of\\s+)?" + MONTH + "\\b(?:,?\\s+(\\d{4}))?");
    private static final Pattern ORDINAL =
            Pattern.compile("\\b" + DATE_LEAD + "(?:the\\s+)?(\\d{1,2})(st|nd|rd|th)\\b");
    private static final Pattern OVERDUE = Pattern.compile("\\b(overdue|past due|late|missed)\\b");
    private static final Pattern CLOCK_TIME =
            Pattern.compile("\\b" + TIME_LEAD + "(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)(?=\\W|$)");
    private static final Pattern H24 =
            Pattern.compile("\\b" + TIME_LEAD + "([01]?\\d|2[0-3]):([0-5]\\d)\\b(?:\\s*h\\b)?");
    private static final Pattern AT_HOUR = Pattern.compile(
            "\\b(?:at|@|around)\\s+(\\d{1,2})(?:\\s*o'?clock)?\\b(?![:.]?\\d|\\s*(?:minutes?|mins?|hours?|h\\b|days?|%))");
    private static final Pattern NAMED_TIME = Pattern.compile("\\b" + TIME_LEAD + "(noon|midday|midnight)\\b");
    private static final Pattern PART_OF_DAY =
            Pattern.compile("\\b(?:in the\\s+|this\\s+|at\\s+|during the\\s+)?(morning|afternoon|evening|night)\\b");
    private static final Pattern DURATION = Pattern.compile(
            "\\b(?:for\\s+)?(?:(\\d+)\\s*h(?:ours?|rs?)?\\s*(?:and\\s+)?"
                    + "(\\d+)\\s*m(?:in(?:ute)?s?)?|(\\d+)h(\\d{2})|an hour and a half|" + Numbers.AMOUNT
                    + "[\\s-]*(hours?|hrs?|minutes?|mins?)(\\s+and\\s+a\\s+half)?|(\\d+(?:\\.\\d+)?)\\s*(h|m))\\b(?:\\s+long)?");

    private WhenFinder() {}

    static When find(Spans s, ZonedDateTime now) {
        When w = new When();
        LocalDate today = now.toLocalDate();
        Matcher m;
        if ((m = s.take(ISO)) != null) {
            try {
                w.date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
                w.time = m.group(4) != null ? LocalTime.of(num(m, 4), num(m, 5)) : null;
            } catch (java.time.DateTimeException e) {
                w.date = null; // 2026-02-30: not a date, so no date rather than a guess
            }
        }
        offsets(s, now, w);
        if ((m = s.find(TIME_RANGE)) != null && clearlyTimes(m)) {
            s.use(m.start(), m.end());
            LocalTime end = clock(m.group(4), m.group(5), m.group(6), null);
            String meridiem = m.group(3) != null ? m.group(3) : m.group(6);
            LocalTime start = clock(m.group(1), m.group(2), m.group(3) != null ? m.group(3) : null, end);
            if (m.group(3) == null && meridiem != null && start != null && end != null && start.isAfter(end)) {
                start = clock(m.group(1), m.group(2), meridiem.startsWith("p") ? "am" : "pm", null);
            }
            w.time = start;
            w.endTime = end;
        }
        dates(s, today, w);
        times(s, w);
        if (w.duration == null && (m = s.take(DURATION)) != null) {
            w.duration = duration(m);
        }
        if (s.take(OVERDUE) != null) {
            w.overdue = true;
        }
        return w;
    }

    private static void offsets(Spans s, ZonedDateTime now, When w) {
        Matcher m = s.take(OFFSET);
        if (m == null) {
            m = s.take(FROM_NOW);
        }
        if (m == null) {
            return;
        }
        double amount = Numbers.amount(m.group(1));
        char unit = Numbers.unit(m.group(2));
        switch (unit) {
            case 'm', 'h' -> w.exact = now.plus(Numbers.duration(amount, unit)).truncatedTo(ChronoUnit.MINUTES);
            case 'd' -> w.date = now.toLocalDate().plusDays(Math.round(amount));
            case 'w' -> w.date = now.toLocalDate().plusDays(Math.round(amount * 7));
            default -> w.date = now.toLocalDate().plusMonths(Math.round(amount));
        }
    }

    private static void dates(Spans s, LocalDate today, When w) {
        Matcher m;
        if (s.take(AFTER_TOMORROW) != null) {
            w.date = today.plusDays(2);
        }
        if ((m = s.take(DAY_WORD)) != null) {
            String word = m.group(1);
            boolean sameDay = word.equals("today") || word.equals("tonight") || word.startsWith("this");
            w.date = sameDay ? today : today.plusDays(1);
            if (word.equals("tonight") || word.endsWith("night")) {
                vague(w, LocalTime.of(20, 0));
            } else if (word.endsWith("morning")) {
                vague(w, LocalTime.of(9, 0));
            } else if (word.endsWith("afternoon")) {
                vague(w, LocalTime.of(14, 0));
            } else if (word.endsWith("evening")) {
                vague(w, LocalTime.of(18, 0));
            }
        }
        if ((m = s.take(END_OF)) != null) {
            String what = m.group(1) != null ? m.group(1) : m.group(2);
            if (what.startsWith("d") || what.equals("eod")) {
                w.date = w.date != null ? w.date : today;
                w.time = LocalTime.of(17, 0);
            } else if (what.startsWith("w") || what.equals("eow")) {
                w.date = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
            } else {
                w.date = today.with(TemporalAdjusters.lastDayOfMonth());
            }
        }
        if ((m = s.take(NEXT_DAYS)) != null) {
            w.from = today;
            w.to = today.plusDays(Math.round(Numbers.amount(m.group(1))) - 1);
            w.currentRange = true;
        }
        if ((m = s.find(WEEKDAY_PHRASE)) != null
                && (m.group(2).length() > 4 || !m.group(0).strip().equals(m.group(2)))) {
            s.use(m.start(), m.end()); // "sun", "wed" and "sat" alone are words, not days
            w.date =
                    weekday(today, m.group(1), dayOfWeek(m.group(2)), m.group(0).endsWith("next week"));
        }
        if ((m = s.take(MONTH_DAY)) != null) {
            w.date = monthDay(today, month(m.group(1)), num(m, 2), m.group(3));
        } else if ((m = s.take(DAY_MONTH)) != null) {
            w.date = monthDay(today, month(m.group(2)), num(m, 1), m.group(3));
        } else if ((m = s.take(ORDINAL)) != null) {
            int day = num(m, 1);
            LocalDate candidate = day <= today.lengthOfMonth() ? today.withDayOfMonth(day) : null;
            if (candidate == null || candidate.isBefore(today)) {
                LocalDate next = today.plusMonths(1);
                candidate = next.withDayOfMonth(Math.min(day, next.lengthOfMonth()));
            }
            w.date = candidate;
        }
        if (w.from == null && (m = s.find(RANGE)) != null && !m.group(0).strip().equals(m.group(2))) {
            s.use(m.start(), m.end()); // a bare "week" ("plan the week") is a word, not a range
            range(today, m.group(1), m.group(2), w);
        }
    }

    private static void range(LocalDate today, String which, String unit, When w) {
        boolean next = which != null && (which.equals("next") || which.equals("coming") && !unit.equals("weekend"));
        w.currentRange = !next;
        switch (unit) {
            case "week" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                w.from = next ? monday.plusWeeks(1) : today;
                w.to = monday.plusDays(next ? 13 : 6);
            }
            case "weekend" -> {
                LocalDate saturday = today.getDayOfWeek() == DayOfWeek.SUNDAY
                        ? today.minusDays(1)
                        : today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
                saturday = next ? saturday.plusWeeks(1) : saturday;
                w.from = saturday.isBefore(today) ? today : saturday;
                w.to = saturday.plusDays(1);
            }
            default -> {
                LocalDate first = next ? today.plusMonths(1).withDayOfMonth(1) : today;
                w.from = first;
                w.to = first.with(TemporalAdjusters.lastDayOfMonth());
            }
        }
    }

    private static void times(Spans s, When w) {
        Matcher m;
        if (w.time != null && !w.vagueTime) {
            return;
        }
        if ((m = s.take(CLOCK_TIME)) != null) {
            w.time = clock(m.group(1), m.group(2), m.group(3), null);
        } else if ((m = s.take(H24)) != null) {
            w.time = LocalTime.of(num(m, 1), num(m, 2));
        } else if ((m = s.take(NAMED_TIME)) != null) {
            w.time = m.group(1).equals("midnight") ? LocalTime.MIDNIGHT : LocalTime.NOON;
        } else if ((m = s.take(AT_HOUR)) != null) {
            int hour = num(m, 1);
            if (hour <= 23) {
                // "at 3" means the afternoon; "at 9" the morning; "at 18" is already a 24-hour clock
                w.time = LocalTime.of(hour >= 1 && hour <= 6 ? hour + 12 : hour, 0);
            }
        } else if (w.time == null && (m = s.take(PART_OF_DAY)) != null) {
            vague(
                    w,
                    switch (m.group(1)) {
                        case "morning" -> LocalTime.of(9, 0);
                        case "afternoon" -> LocalTime.of(14, 0);
                        case "evening" -> LocalTime.of(18, 0);
                        default -> LocalTime.of(20, 0);
                    });
            return;
        } else {
            return;
        }
        w.vagueTime = false;
    }

    /** "2-3" is a count of things unless a colon, am/pm or "from"/"between" makes it clock times. */
    private static boolean clearlyTimes(Matcher m) {
        return m.group(2) != null
                || m.group(3) != null
                || m.group(5) != null
                || m.group(6) != null
                || m.group(0).startsWith("from")
                || m.group(0).startsWith("between");
    }

    private static void vague(When w, LocalTime time) {
        w.time = time;
        w.vagueTime = true;
    }

    private static java.time.Duration duration(Matcher m) {
        if (m.group(1) != null) {
            return java.time.Duration.ofHours(num(m, 1)).plusMinutes(num(m, 2));
        }
        if (m.group(3) != null) {
            return java.time.Duration.ofHours(num(m, 3)).plusMinutes(num(m, 4));
        }
        if (m.group(8) != null) { // "2h", "90m": one-letter units only after digits ("am" is not "a minute")
            return Numbers.duration(Numbers.amount(m.group(8)), Numbers.unit(m.group(9)));
        }
        if (m.group(5) == null) {
            return java.time.Duration.ofMinutes(90); // "an hour and a half"
        }
        double amount = Numbers.amount(m.group(5)) + (m.group(7) != null ? 0.5 : 0);
        return Numbers.duration(amount, Numbers.unit(m.group(6)));
    }

    /** A clock time; without am/pm, a bare hour 1-6 is afternoon unless it would end before {@code notAfter}. */
    private static LocalTime clock(String hourText, String minuteText, String meridiem, LocalTime notAfter) {
        int hour = Integer.parseInt(hourText);
        int minute = minuteText == null ? 0 : Integer.parseInt(minuteText);
        if (hour > 23 || minute > 59) {
            return null;
        }
        if (meridiem != null) {
            if (hour > 12 || hour == 0) {
                return null;
            }
            boolean pm = meridiem.startsWith("p");
            hour = hour % 12 + (pm ? 12 : 0);
        } else if (minuteText == null && hour >= 1 && hour <= 6) {
            hour += 12;
        }
        LocalTime t = LocalTime.of(hour, minute);
        if (notAfter != null && t.isAfter(notAfter) && hour >= 12) {
            t = t.minusHours(12);
        }
        return t;
    }

    private static LocalDate weekday(LocalDate today, String which, DayOfWeek day, boolean nextWeek) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (nextWeek || "next".equals(which)) {
            return monday.plusWeeks(1).with(TemporalAdjusters.nextOrSame(day));
        }
        if ("this".equals(which) && day.getValue() >= today.getDayOfWeek().getValue()) {
            return today.with(TemporalAdjusters.nextOrSame(day));
        }
        return today.with(TemporalAdjusters.next(day));
    }

    private static LocalDate monthDay(LocalDate today, Month month, int day, String year) {
        int y = year != null ? Integer.parseInt(year) : today.getYear();
        if (day < 1 || day > month.length(java.time.Year.isLeap(y))) {
            return null;
        }
        LocalDate date = LocalDate.of(y, month, day);
        return year == null && date.isBefore(today) ? date.plusYears(1) : date;
    }

    private static DayOfWeek dayOfWeek(String word) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(java.util.Locale.ROOT).startsWith(word.substring(0, 3))) {
                return d;
            }
        }
        throw new IllegalArgumentException(word);
    }

    private static Month month(String word) {
        for (Month mo : Month.values()) {
            if (mo.name().toLowerCase(java.util.Locale.ROOT).startsWith(word.substring(0, 3))) {
                return mo;
            }
        }
        throw new IllegalArgumentException(word);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
