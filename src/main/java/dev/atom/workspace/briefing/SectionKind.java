package dev.atom.workspace.briefing;

import java.util.Comparator;

/** The sections of a briefing, in the order they are shown, with their JSON name and item type. */
public enum SectionKind {
    MEETINGS(
            "meetings",
            "Meetings",
            "No meetings today",
            BriefingItem.Meeting.class,
            by(i -> ((BriefingItem.Meeting) i).start())),
    TASKS(
            "tasks",
            "Tasks due",
            "Nothing due or overdue",
            BriefingItem.DueTask.class,
            by(i -> ((BriefingItem.DueTask) i).due())),
    MESSAGES(
            "messages",
            "Important unread",
            "No important unread messages",
            BriefingItem.Message.class,
            by(i -> ((BriefingItem.Message) i).receivedAt()).reversed()),
    APPROVALS(
            "approvals",
            "Approvals waiting",
            "No approvals waiting for you",
            BriefingItem.Approval.class,
            by(i -> ((BriefingItem.Approval) i).since())),
    FAILED_RUNS(
            "failedRuns",
            "Failed runs",
            "No failed runs since yesterday",
            BriefingItem.FailedRun.class,
            by(i -> ((BriefingItem.FailedRun) i).failedAt()).reversed()),
    CONNECTIONS(
            "connections",
            "Connections to reconnect",
            "Every connection works",
            BriefingItem.Reconnect.class,
            by(i -> ((BriefingItem.Reconnect) i).name()));

    private final String wire;
    private final String title;
    private final String empty;
    private final Class<? extends BriefingItem> itemType;
    private final Comparator<BriefingItem> order;

    SectionKind(
            String wire,
            String title,
            String empty,
            Class<? extends BriefingItem> itemType,
            Comparator<BriefingItem> order) {
        this.wire = wire;
        this.title = title;
        this.empty = empty;
        this.itemType = itemType;
        this.order = order;
    }

    /** The JSON field of its items ({@code failedRuns}). */
    public String wire() {
        return wire;
    }

    public String title() {
        return title;
    }

    /** What the page says when the section has nothing. */
    public String emptyText() {
        return empty;
    }

    public Class<? extends BriefingItem> itemType() {
        return itemType;
    }

    /** The order its items are shown in. */
    Comparator<BriefingItem> order() {
        return order;
    }

    private static <T extends Comparable<? super T>> Comparator<BriefingItem> by(
            java.util.function.Function<BriefingItem, T> key) {
        return Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
    }
}
