package dev.atom.assistant.offline;

import dev.atom.assistant.offline.Intent.Priority;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline mode's deterministic English intent parser: the command is read from fixed phrasings, then
 * {@link WhenFinder} and {@link Priorities} take the date, time and priority phrases, and what is left is the
 * title. Thread-safe and allocation-light (a few regex matches on a short text), so it also serves as-you-type
 * previews.
 */
public final class IntentParser {
    /** Longer texts are not commands; they are for a model. */
    public static final int MAX_LENGTH = 500;

    private static final Pattern POLITE = Pattern.compile("^(?:(?:hey|hi|ok|okay)\\s+)?(?:atom\\s*[,:]?\\s*)?"
            + "(?:(?:please|pls|can you|could you|would you|will you|kindly|go ahead and|i want you to)\\s+)*");
    private static final Pattern TASK_PREFIX = Pattern.compile("^(?:remind me(?:\\s+to|\\s+about)?"
            + "|(?:todo|to-do|to do|task|reminder)\\s*:|(?:todo|to-do)\\b"
            + "|(?:add|create|make|new|set)\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?(?:task|todo|to-do|reminder)"
            + "(?:\\s*:|\\s+to|\\s+for)?|remember to|don'?t (?:let me )?forget to|i (?:need|have|must|ought) to"
            + "|i should|note to self\\s*:?)(?!\\w)");
    private static final Pattern ADD_TO_LIST = Pattern.compile(
            "^(?:add|put)\\s+(?=.+\\s(?:to|on)\\s+(?:my\\s+|the\\s+)?(?:todo|to-do|task|to do)s?(?:\\s+list)?\\b)");
    private static final Pattern TO_LIST =
            Pattern.compile("\\s(?:to|on)\\s+(?:my\\s+|the\\s+)?(?:todo|to-do|task|to do)s?(?:\\s+list)?\\b");
    private static final Pattern COMPLETE_VERB = Pattern.compile("^(?:(?:complete|finish|close|resolve)\\s+"
            + "|(?:check|tick|cross)\\s+off\\s+|(?:done|finished|completed)\\s*(?:[:\\-]|with)\\s*"
            + "|i(?:'ve| have)?\\s+(?:just\\s+)?(?:finished|completed|done)\\s+)(?:the\\s+)?(?:task\\s+)?");
    private static final Pattern MARK = Pattern.compile("^(?:mark|set|tick|check|cross)\\s+(?:off\\s+)?(?:the\\s+)?"
            + "(?:task\\s+)?(?=.+\\s(?:as\\s+)?(?:done|complete|completed|finished|off)$)");
    private static final Pattern DONE_SUFFIX =
            Pattern.compile("\\s+(?:(?:is|are)\\s+)?(?:as\\s+)?(?:done|complete|completed|finished|off)$");
    private static final Pattern BRIEFING = Pattern.compile("\\b(?:brief(?:ing)?|brief me|catch me up"
            + "|what did i miss|(?:daily|morning) (?:summary|digest|overview|report)|summari[sz]e my day"
            + "|my day at a glance|what'?s new today)\\b");
    private static final Pattern FIND_SLOT = Pattern.compile("\\b(?:find|get|need|look for|search for|suggest"
            + "|is there|are there|any)\\s+(?:me\\s+|us\\s+)?(?:a\\s+|an\\s+|some\\s+)?(?:free\\s+|open\\s+|available\\s+"
            + "|good\\s+|spare\\s+)?(?:\\d+[\\s-]*(?:minutes?|mins?|hours?|hrs?|h)\\s+)?(?:time|slot|window|gap|spot|opening)s?\\b|^when\\s+(?:am i|are we|is)\\s+free\\b"
            + "|^when\\s+(?:can|could)\\s+i\\s+(?:fit|squeeze|schedule|do|book)\\b|\\bfree\\s+(?:slot|window)s?\\b"
            + "|^find\\s+(?:me\\s+)?(?=" + Numbers.AMOUNT + "[\\s-]*(?:minutes?|mins?|hours?|hrs?|h)\\b)");
    private static final Pattern EVENT_VERB = Pattern.compile("^(?:schedule|book|block(?:\\s+(?:out|off))?|reserve"
            + "|set up|arrange|plan)\\b(?:\\s+(?:a|an|the|some|me)\\b(?!\\s*(?:hour|minute|min)))?"
            + "|^(?=.*\\b(?:event|meeting|appointment|calendar)\\b)(?:add|create|new|put|make)\\s+(?:an?\\s+)?"
            + "(?:(?:calendar\\s+)?event\\b\\s*:?\\s*(?:for\\s+)?)?");
    private static final Pattern TO_CALENDAR =
            Pattern.compile("\\s(?:to|on|in|into)\\s+(?:my\\s+|the\\s+)?(?:local\\s+)?calendar\\b");
    private static final Pattern TASK_WORDS = Pattern.compile("\\b(?:tasks?|todos?|to-dos?|to do list|reminders)\\b"
            + "|^what(?:'s| is| are)?\\s+(?:due|overdue|left to do|on my plate|pending)\\b"
            + "|^what do i (?:have|need|still have) to do\\b|^what'?s overdue\\b");
    private static final Pattern AGENDA = Pattern.compile("\\b(?:agenda|calendar|schedule|meetings?|events?"
            + "|appointments?)\\b|^what(?:'s| is)\\s+(?:on|happening|planned|up)\\b|^(?:how|what) does my\\s+"
            + "|^how(?:'s| is) my\\s+(?:day|week)\\b|^am i (?:busy|free)\\b|^what do i have\\b|^do i have anything\\b");
    private static final Pattern SEARCH = Pattern.compile("^(?:search|find|look\\s+up|look\\s+for|lookup|locate"
            + "|where(?:'s| is| are| did i put))\\b(?:\\s+(?:for|me|my)\\b)*\\s*");
    private static final Pattern QUESTION = Pattern.compile(
            "^(?:what|who|why|how|when|where|which|is|are|can|could|should|would|do|does|did|will|tell|explain)\\b");

    /** The intent of {@code text}, with every time resolved in {@code now}'s zone. */
    public Intent parse(String text, ZonedDateTime now) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            return new Intent.Unknown();
        }
        String t = text.strip().replaceAll("[.!?\\s]+$", "");
        Matcher polite = POLITE.matcher(t.toLowerCase(java.util.Locale.ROOT));
        if (polite.lookingAt()) {
            t = t.substring(polite.end());
        }
        Spans s = new Spans(t);
        if (s.take(TASK_PREFIX) != null) {
            return task(s, now);
        }
        if (s.take(ADD_TO_LIST) != null) {
            s.take(TO_LIST);
            return task(s, now);
        }
        Intent complete = complete(s, t, now);
        if (complete != null) {
            return complete;
        }
        if (s.find(BRIEFING) != null) {
            return new Intent.Briefing();
        }
        if (s.find(FIND_SLOT) != null) { // not taken: it may hold the length ("a 30 minute slot")
            return findSlot(s, now);
        }
        if (s.take(EVENT_VERB) != null) {
            s.take(TO_CALENDAR);
            return event(s, now);
        }
        if (s.find(TASK_WORDS) != null) {
            return listTasks(s, now);
        }
        if (s.find(AGENDA) != null) {
            return agenda(s, now);
        }
        if (s.take(SEARCH) != null) {
            String query = Titles.clean(s.rest());
            return query.isEmpty() ? new Intent.Unknown() : new Intent.Search(query);
        }
        if (s.find(QUESTION) == null) {
            Spans plain = new Spans(t);
            When w = WhenFinder.find(plain, now);
            Priority p = Priorities.find(plain);
            if (w.saidDay() || w.time != null || p != Priority.NONE) {
                return task(new Spans(t), now);
            }
        }
        return new Intent.Unknown();
    }

    private static Intent task(Spans s, ZonedDateTime now) {
        When w = WhenFinder.find(s, now);
        Priority priority = Priorities.find(s);
        String title = Titles.clean(s.rest());
        if (title.isEmpty()) {
            return new Intent.Unknown();
        }
        LocalDate date = w.date;
        LocalTime time = w.time;
        if (w.exact != null) {
            date = w.exact.toLocalDate();
            time = w.exact.toLocalTime();
        } else if (date == null && w.from != null) {
            date = w.currentRange ? w.to : w.from; // "this week": by its end; "next week": when it begins
        }
        if (date == null && time != null) {
            date = time.isAfter(now.toLocalTime())
                    ? now.toLocalDate()
                    : now.toLocalDate().plusDays(1);
        }
        return new Intent.CreateTask(title, date, time, priority);
    }

    /** "Complete X" / "mark X as done"; a complete verb followed by a due date is a task to create instead. */
    private static Intent complete(Spans s, String text, ZonedDateTime now) {
        if (s.find(MARK) != null) {
            s.take(MARK);
            s.take(DONE_SUFFIX);
        } else if (s.find(COMPLETE_VERB) != null) {
            When w = WhenFinder.find(new Spans(text), now);
            if (w.saidDay() || w.time != null) {
                return task(new Spans(text), now);
            }
            s.take(COMPLETE_VERB);
        } else if (s.find(DONE_SUFFIX) != null && s.find(QUESTION) == null) {
            s.take(DONE_SUFFIX);
        } else {
            return null;
        }
        String name = Titles.withoutArticle(Titles.clean(s.rest()));
        return name.isEmpty() ? new Intent.Unknown() : new Intent.CompleteTask(name);
    }

    private static Intent findSlot(Spans s, ZonedDateTime now) {
        When w = WhenFinder.find(s, now);
        Duration length = w.duration != null ? w.duration : Duration.ofMinutes(30);
        LocalDate today = now.toLocalDate();
        if (w.from != null) {
            return new Intent.FindSlot(length, w.from, w.to);
        }
        if (w.saidDay()) {
            LocalDate day = w.exact != null ? w.exact.toLocalDate() : w.date;
            return new Intent.FindSlot(length, day, day);
        }
        return new Intent.FindSlot(length, today, today.plusDays(6));
    }

    private static Intent event(Spans s, ZonedDateTime now) {
        When w = WhenFinder.find(s, now);
        String title = Titles.withoutArticle(Titles.clean(s.rest()));
        if (title.isEmpty() || !(w.saidDay() || w.time != null)) {
            return new Intent.Unknown(); // an event needs a name and a day or a time
        }
        ZonedDateTime start;
        if (w.exact != null) {
            start = w.exact;
        } else if (w.time == null && w.duration == null && w.endTime == null) {
            ZonedDateTime day = w.date.atStartOfDay(now.getZone());
            return new Intent.CreateEvent(title, day, w.date.plusDays(1).atStartOfDay(now.getZone()), true);
        } else {
            LocalTime time = w.time != null ? w.time : LocalTime.of(9, 0);
            LocalDate date = w.date;
            if (date == null) {
                date = time.isAfter(now.toLocalTime())
                        ? now.toLocalDate()
                        : now.toLocalDate().plusDays(1);
            }
            start = ZonedDateTime.of(date, time, now.getZone());
        }
        ZonedDateTime end;
        if (w.endTime != null) {
            end = ZonedDateTime.of(start.toLocalDate(), w.endTime, now.getZone());
            end = end.isAfter(start) ? end : end.plusDays(1);
        } else {
            end = start.plus(w.duration != null ? w.duration : Duration.ofHours(1));
        }
        return new Intent.CreateEvent(title, start, end, false);
    }

    private static Intent listTasks(Spans s, ZonedDateTime now) {
        When w = WhenFinder.find(s, now);
        if (w.overdue) {
            return new Intent.ListTasks(Intent.TaskRange.OVERDUE);
        }
        if (w.from != null && w.currentRange && s.lower().contains("week")) {
            return new Intent.ListTasks(Intent.TaskRange.THIS_WEEK);
        }
        if (now.toLocalDate().equals(w.date)) {
            return new Intent.ListTasks(Intent.TaskRange.TODAY);
        }
        return new Intent.ListTasks(Intent.TaskRange.ALL);
    }

    private static Intent agenda(Spans s, ZonedDateTime now) {
        When w = WhenFinder.find(s, now);
        if (w.from != null) {
            return new Intent.Agenda(w.from, w.to);
        }
        LocalDate day = w.exact != null ? w.exact.toLocalDate() : w.date != null ? w.date : now.toLocalDate();
        return new Intent.Agenda(day, day);
    }
}
