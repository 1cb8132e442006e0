package dev.atom.assistant.offline;

import static dev.atom.assistant.offline.Replies.quoted;

import dev.atom.assistant.OfflineAssistant;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant without a model: {@link IntentParser} reads the request, the matching tool does it through the
 * turn's rules, and the answer names the items. Task intents are here; calendar, search and briefing are in
 * {@link OfflineReads}. Thread-safe.
 */
@Component
class ParserAssistant implements OfflineAssistant {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final IntentParser parser = new IntentParser();
    private final Clock clock;

    ParserAssistant(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> answer(ToolContext context, String text, Tools tools) {
        // the turn's zone: the message's timeZone, else the person's own (TurnInput); UTC only without a context zone
        ZoneId zone = context.timeZone() == null ? ZoneOffset.UTC : context.timeZone();
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        OfflineReads reads = new OfflineReads(tools, now);
        return switch (parser.parse(text, now)) {
            case Intent.CreateTask t -> Optional.of(createTask(t, tools, zone));
            case Intent.CompleteTask c -> Optional.of(complete(c.taskName(), tools));
            case Intent.ListTasks l -> Optional.of(listTasks(l.range(), tools, now));
            case Intent.Agenda a -> Optional.of(reads.agenda(a));
            case Intent.CreateEvent e -> Optional.of(reads.createEvent(e));
            case Intent.FindSlot f -> Optional.of(reads.findSlot(f));
            case Intent.Search q -> Optional.of(reads.search(q.query()));
            case Intent.Briefing b -> Optional.of(reads.briefing(now.toLocalDate()));
            case Intent.Unknown u -> Optional.empty();
        };
    }

    private static String createTask(Intent.CreateTask t, Tools tools, ZoneId zone) {
        ObjectNode input = JSON.createObjectNode().put("title", t.title());
        if (t.dueDate() != null) {
            LocalDateTime due = t.dueDate().atTime(t.dueTime() == null ? IntentJson.END_OF_DAY : t.dueTime());
            input.put("dueAt", due.toString()); // no offset: tasks_create reads it in the turn's zone
        }
        if (t.priority() != Intent.Priority.NONE) {
            input.put("priority", t.priority().wire());
        }
        ToolResult result = tools.call("tasks_create", input);
        String waiting = Replies.waiting(result);
        if (waiting != null) {
            return waiting;
        }
        return switch (result) {
            case ToolResult.Failed f -> Replies.failed("create the task " + quoted(t.title()), f);
            case ToolResult.Done d ->
                "Created task " + quoted(d.output().path("title").asString(t.title())) + due(d.output(), zone)
                        + priority(d.output()) + ".";
        };
    }

    /** Finds the open task by its name first: one clear match is completed, several are named back to choose. */
    private static String complete(String name, Tools tools) {
        ToolResult found =
                tools.call("tasks_list", JSON.createObjectNode().put("q", name).put("limit", 20));
        if (found instanceof ToolResult.Failed f) {
            return Replies.failed("look for the task " + quoted(name), f);
        }
        List<JsonNode> tasks =
                ((ToolResult.Done) found).output().path("tasks").valueStream().toList();
        String wanted = name.toLowerCase(Locale.ROOT);
        List<JsonNode> exact =
                tasks.stream().filter(t -> title(t).equalsIgnoreCase(name)).toList();
        List<JsonNode> close = exact.isEmpty()
                ? tasks.stream()
                        .filter(t -> title(t).toLowerCase(Locale.ROOT).contains(wanted))
                        .toList()
                : exact;
        if (close.isEmpty()) {
            close = tasks;
        }
        if (close.isEmpty()) {
            return "I found no open task called " + quoted(name) + ". Say \"show my tasks\" to see them.";
        }
        if (close.size() > 1) {
            List<String> names = close.stream()
                    .limit(Replies.MAX_LISTED)
                    .map(t -> quoted(title(t)))
                    .toList();
            return "Several open tasks match " + quoted(name) + ": " + Replies.joined(names)
                    + ". Which one? Say \"complete\" with its full title.";
        }
        JsonNode task = close.getFirst();
        ToolResult result = tools.call(
                "tasks_complete",
                JSON.createObjectNode().put("id", task.path("id").asString()));
        String waiting = Replies.waiting(result);
        if (waiting != null) {
            return waiting;
        }
        return switch (result) {
            case ToolResult.Failed f -> Replies.failed("complete " + quoted(title(task)), f);
            case ToolResult.Done d -> "Done: completed task " + quoted(title(d.output())) + ".";
        };
    }

    private static String listTasks(Intent.TaskRange range, Tools tools, ZonedDateTime now) {
        ObjectNode input = JSON.createObjectNode().put("limit", 50);
        String what = switch (range) {
            case OVERDUE -> {
                input.put(
                        "dueBefore",
                        now.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString());
                yield "overdue";
            }
            case TODAY -> {
                input.put("dueBefore", now.toLocalDate().toString());
                yield "due today (or earlier)";
            }
            case THIS_WEEK -> {
                input.put(
                        "dueBefore",
                        now.toLocalDate()
                                .with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))
                                .toString());
                yield "due this week (or earlier)";
            }
            case ALL -> "open";
        };
        ToolResult result = tools.call("tasks_list", input);
        if (result instanceof ToolResult.Failed f) {
            return Replies.failed("list your tasks", f);
        }
        JsonNode out = ((ToolResult.Done) result).output();
        List<JsonNode> tasks = out.path("tasks").valueStream().toList();
        if (tasks.isEmpty()) {
            return "You have no " + (range == Intent.TaskRange.ALL ? "open" : what) + " tasks.";
        }
        List<String> lines = new ArrayList<>();
        tasks.stream()
                .limit(Replies.MAX_LISTED)
                .forEach(t -> lines.add(quoted(title(t)) + due(t, now.getZone()) + priority(t)));
        return "Your " + what + " tasks (" + tasks.size() + (out.path("more").asBoolean(false) ? "+" : "") + "):"
                + Replies.bullets(lines)
                + Replies.more(
                        Math.min(tasks.size(), Replies.MAX_LISTED),
                        tasks.size(),
                        out.path("more").asBoolean());
    }

    private static String title(JsonNode task) {
        return task.path("title").asString("");
    }

    private static String due(JsonNode task, ZoneId zone) {
        ZonedDateTime due = Replies.at(task.get("dueAt"), zone);
        return due == null ? "" : ", due " + Replies.moment(due);
    }

    private static String priority(JsonNode task) {
        String p = task.path("priority").asString("none");
        return p.equals("none") || p.isEmpty() ? "" : ", priority " + p;
    }
}
