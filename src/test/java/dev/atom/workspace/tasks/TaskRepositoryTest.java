package dev.atom.workspace.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The task repository's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class TaskRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private TaskRepository repo;
    private String ws;
    private int created;

    @BeforeEach
    void setUp() {
        repo = new TaskRepository(db.jdbc(), db.dialect(), db.transactions());
        ws = Ids.newId();
    }

    private Task task(
            String workspace, String title, TaskStatus status, TaskPriority priority, Instant due, List<String> tags) {
        Instant at = T0.plus(created++, ChronoUnit.MINUTES);
        return new Task(
                Ids.newId(),
                workspace,
                title,
                null,
                status,
                priority,
                due,
                due == null ? null : "Europe/Berlin",
                tags,
                null,
                null,
                "user-1",
                at,
                at,
                status == TaskStatus.DONE ? at : null);
    }

    private Task saved(String title, TaskStatus status, TaskPriority priority, Instant due, String... tags) {
        Task t = task(ws, title, status, priority, due, List.of(tags));
        repo.insert(t);
        return t;
    }

    private List<String> titles(TaskQuery query) {
        return repo.list(ws, query).items().stream().map(Task::title).toList();
    }

    @Test
    void createsReadsUpdatesAndDeletes() {
        Task t = new Task(
                Ids.newId(),
                ws,
                "Write the report",
                "Due at the board meeting",
                TaskStatus.TODO,
                TaskPriority.HIGH,
                Instant.parse("2026-11-25T14:00:00Z"),
                "Europe/Berlin",
                List.of("work", "q4"),
                "user-2",
                "Board",
                "user-1",
                T0,
                T0,
                null);
        repo.insert(t);
        assertThat(repo.find(ws, t.id())).contains(t);

        Instant later = T0.plusSeconds(60);
        Task changed = new Task(
                t.id(),
                ws,
                "Write the final report",
                null,
                TaskStatus.DONE,
                TaskPriority.URGENT,
                null,
                null,
                List.of("q4", "urgent"),
                null,
                null,
                "user-1",
                T0,
                later,
                later);
        assertThat(repo.update(changed)).isTrue();
        assertThat(repo.find(ws, t.id())).contains(changed);

        assertThat(repo.delete(ws, t.id())).isTrue();
        assertThat(repo.find(ws, t.id())).isEmpty();
        assertThat(repo.delete(ws, t.id())).isFalse();
        assertThat(db.jdbc()
                        .sql("SELECT COUNT(*) FROM task_tags WHERE task_id = :id")
                        .param("id", t.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void streamsEveryWorkspacesTasksInBatches() {
        Task a = saved("A", TaskStatus.TODO, TaskPriority.NONE, null, "x", "y");
        Task b = task(Ids.newId(), "B", TaskStatus.DONE, TaskPriority.HIGH, null, List.of());
        repo.insert(b);
        List<Task> seen = new ArrayList<>();
        String after = null;
        while (true) {
            List<Task> batch = repo.allAfter(after, 1);
            if (batch.isEmpty()) {
                break;
            }
            assertThat(batch).hasSize(1);
            seen.addAll(batch);
            after = batch.getLast().id();
        }
        assertThat(seen).extracting(Task::id).contains(a.id(), b.id()).doesNotHaveDuplicates();
        assertThat(seen.stream()
                        .filter(t -> t.id().equals(a.id()))
                        .findFirst()
                        .orElseThrow()
                        .tags())
                .containsExactly("x", "y");
    }

    @Test
    void keepsTagOrder() {
        Task t = saved("Tagged", TaskStatus.TODO, TaskPriority.NONE, null, "zeta", "alpha", "mid");
        assertThat(repo.find(ws, t.id()).orElseThrow().tags()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void isolatesWorkspaces() {
        Task mine = saved("Mine", TaskStatus.TODO, TaskPriority.NONE, null, "shared-tag");
        String other = Ids.newId();
        Task theirs = task(other, "Theirs", TaskStatus.TODO, TaskPriority.NONE, null, List.of("shared-tag"));
        repo.insert(theirs);

        assertThat(repo.find(other, mine.id())).isEmpty();
        assertThat(repo.find(ws, theirs.id())).isEmpty();
        Task hijack = new Task(
                theirs.id(),
                ws,
                "Hijacked",
                null,
                TaskStatus.DONE,
                TaskPriority.LOW,
                null,
                null,
                List.of(),
                null,
                null,
                "user-1",
                T0,
                T0,
                T0);
        assertThat(repo.update(hijack)).isFalse();
        assertThat(repo.delete(ws, theirs.id())).isFalse();
        assertThat(repo.find(other, theirs.id())).contains(theirs);
        assertThat(titles(TaskQuery.all())).containsExactly("Mine");
        var tagged = new TaskQuery(null, "shared-tag", null, null, null, null, null, 50, null);
        assertThat(titles(tagged)).containsExactly("Mine");
        assertThat(repo.list(other, tagged).items()).extracting(Task::title).containsExactly("Theirs");
    }

    @Test
    void filtersByStatusTagDueTextAssigneeAndProject() {
        Instant nov20 = Instant.parse("2026-11-20T10:00:00Z");
        Instant dec1 = Instant.parse("2026-12-01T10:00:00Z");
        saved("Buy milk", TaskStatus.TODO, TaskPriority.NONE, nov20, "home");
        saved("Fix the 50% BUG", TaskStatus.DOING, TaskPriority.HIGH, dec1, "work", "bugs");
        saved("Ship release", TaskStatus.DONE, TaskPriority.LOW, null, "work");
        Task assigned = new Task(
                Ids.newId(),
                ws,
                "Plan offsite",
                "book the venue_hall",
                TaskStatus.TODO,
                TaskPriority.MEDIUM,
                null,
                null,
                List.of(),
                "user-7",
                "Offsite",
                "user-1",
                T0,
                T0,
                null);
        repo.insert(assigned);

        assertThat(titles(new TaskQuery(
                        Set.of(TaskStatus.TODO, TaskStatus.DOING), null, null, null, null, null, null, 50, null)))
                .containsExactlyInAnyOrder("Buy milk", "Fix the 50% BUG", "Plan offsite");
        assertThat(titles(new TaskQuery(Set.of(TaskStatus.DONE), null, null, null, null, null, null, 50, null)))
                .containsExactly("Ship release");
        assertThat(titles(new TaskQuery(null, "work", null, null, null, null, null, 50, null)))
                .containsExactlyInAnyOrder("Fix the 50% BUG", "Ship release");
        assertThat(titles(new TaskQuery(null, "wor", null, null, null, null, null, 50, null)))
                .isEmpty();
        assertThat(titles(new TaskQuery(
                        null, null, Instant.parse("2026-11-21T00:00:00Z"), null, null, null, null, 50, null)))
                .containsExactly("Buy milk");
        // case-insensitive, in title or notes, wildcards taken literally
        assertThat(titles(new TaskQuery(null, null, null, "bug", null, null, null, 50, null)))
                .containsExactly("Fix the 50% BUG");
        assertThat(titles(new TaskQuery(null, null, null, "50%", null, null, null, 50, null)))
                .containsExactly("Fix the 50% BUG");
        assertThat(titles(new TaskQuery(null, null, null, "0%", null, null, null, 50, null)))
                .containsExactly("Fix the 50% BUG");
        assertThat(titles(new TaskQuery(null, null, null, "venue_", null, null, null, 50, null)))
                .containsExactly("Plan offsite");
        assertThat(titles(new TaskQuery(null, null, null, "e_h", null, null, null, 50, null)))
                .containsExactly("Plan offsite");
        assertThat(titles(new TaskQuery(null, null, null, "x_l", null, null, null, 50, null)))
                .isEmpty();
        assertThat(titles(new TaskQuery(null, null, null, null, "user-7", null, null, 50, null)))
                .containsExactly("Plan offsite");
        assertThat(titles(new TaskQuery(null, null, null, null, null, "Offsite", null, 50, null)))
                .containsExactly("Plan offsite");
        assertThat(titles(new TaskQuery(
                        Set.of(TaskStatus.DOING), "work", dec1.plusSeconds(1), "fix", null, null, null, 50, null)))
                .containsExactly("Fix the 50% BUG");
    }

    @Test
    void sortsByEveryKeyInBothDirections() {
        saved("banana", TaskStatus.TODO, TaskPriority.LOW, Instant.parse("2026-11-22T00:00:00Z"));
        saved("Apple", TaskStatus.TODO, TaskPriority.URGENT, null);
        saved("cherry", TaskStatus.TODO, TaskPriority.NONE, Instant.parse("2026-11-21T00:00:00Z"));
        saved("date", TaskStatus.TODO, TaskPriority.HIGH, null);

        assertThat(titles(sorted("created"))).containsExactly("banana", "Apple", "cherry", "date");
        assertThat(titles(sorted("-created"))).containsExactly("date", "cherry", "Apple", "banana");
        assertThat(titles(TaskQuery.all())).containsExactly("date", "cherry", "Apple", "banana");
        assertThat(titles(sorted("updated"))).containsExactly("banana", "Apple", "cherry", "date");
        assertThat(titles(sorted("-updated"))).containsExactly("date", "cherry", "Apple", "banana");
        assertThat(titles(sorted("title"))).containsExactly("Apple", "banana", "cherry", "date");
        assertThat(titles(sorted("-title"))).containsExactly("date", "cherry", "banana", "Apple");
        assertThat(titles(sorted("priority"))).containsExactly("cherry", "banana", "date", "Apple");
        assertThat(titles(sorted("-priority"))).containsExactly("Apple", "date", "banana", "cherry");
        // no due date sorts last either way; ties by id (creation order) in the sort's direction
        assertThat(titles(sorted("due"))).containsExactly("cherry", "banana", "Apple", "date");
        assertThat(titles(sorted("-due"))).containsExactly("banana", "cherry", "date", "Apple");
    }

    private static TaskQuery sorted(String sort) {
        return TaskQuery.all().withSort(TaskSort.parse(sort).orElseThrow());
    }

    @Test
    void paginatesEverySortWithoutGapsOrRepeats() {
        TaskPriority[] priorities = TaskPriority.values();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // many equal keys, so the id tie-breaker has to carry the pagination
            Instant due =
                    i % 3 == 0 ? null : Instant.parse("2026-11-20T00:00:00Z").plus(i % 4, ChronoUnit.DAYS);
            String title = (i % 2 == 0 ? "Task " : "task ") + (i % 5);
            ids.add(saved(title, TaskStatus.TODO, priorities[i % priorities.length], due)
                    .id());
        }
        saved("not me", TaskStatus.DONE, TaskPriority.NONE, null);
        for (TaskSort.Key key : TaskSort.Key.values()) {
            for (boolean desc : new boolean[] {false, true}) {
                TaskQuery query = new TaskQuery(
                        Set.of(TaskStatus.TODO), null, null, null, null, null, new TaskSort(key, desc), 4, null);
                List<Task> all = repo.list(ws, query.withLimit(100)).items();
                List<Task> paged = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                TaskRepository.Page page = repo.list(ws, query);
                int pages = 1;
                while (true) {
                    assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
                    for (Task t : page.items()) {
                        assertThat(seen.add(t.id()))
                                .as("repeated %s in %s", t.title(), key)
                                .isTrue();
                        paged.add(t);
                    }
                    if (page.nextCursor() == null) {
                        break;
                    }
                    TaskCursor cursor =
                            TaskCursor.decode(page.nextCursor(), query.sort()).orElseThrow();
                    page = repo.list(ws, query.after(cursor));
                    pages++;
                }
                assertThat(pages).isEqualTo(6);
                assertThat(paged)
                        .extracting(Task::id)
                        .containsExactlyElementsOf(all.stream().map(Task::id).toList());
                assertThat(paged).extracting(Task::id).containsExactlyInAnyOrderElementsOf(ids);
                Comparator<Task> order = Comparator.comparing((Task t) -> String.valueOf(sortable(key, desc, t)))
                        .thenComparing(Task::id);
                List<Task> expected = new ArrayList<>(paged);
                expected.sort(desc ? order.reversed() : order);
                assertThat(paged).as("order of %s desc=%s", key, desc).containsExactlyElementsOf(expected);
            }
        }
    }

    /** The sort key as comparable text: what the database orders by. */
    private static Object sortable(TaskSort.Key key, boolean desc, Task t) {
        Object k = new TaskSort(key, desc).keyOf(t);
        return k instanceof Integer i ? String.format("%03d", i) : k;
    }

    @Test
    void rejectsCursorsOfAnotherSort() {
        Task t = saved("One", TaskStatus.TODO, TaskPriority.NONE, null);
        String cursor = new TaskCursor("title", "one", t.id()).encode();
        assertThat(TaskCursor.decode(cursor, TaskSort.parse("title").orElseThrow()))
                .isPresent();
        assertThat(TaskCursor.decode(cursor, TaskSort.parse("-title").orElseThrow()))
                .isEmpty();
        assertThat(TaskCursor.decode("not a cursor", TaskSort.DEFAULT)).isEmpty();
        assertThat(TaskCursor.decode(
                        new TaskCursor("priority", "x", t.id()).encode(),
                        TaskSort.parse("priority").orElseThrow()))
                .isEmpty();
    }

    @Test
    void openDueBeforeListsAPersonsOpenTasksEarliestFirst() {
        Instant cut = T0.plus(2, ChronoUnit.DAYS);
        Task early = saved("Early", TaskStatus.DOING, TaskPriority.HIGH, T0.minus(1, ChronoUnit.DAYS));
        Task mine = saved("Mine", TaskStatus.TODO, TaskPriority.NONE, T0.plus(1, ChronoUnit.HOURS), "x");
        saved("Done", TaskStatus.DONE, TaskPriority.NONE, T0);
        saved("Later", TaskStatus.TODO, TaskPriority.NONE, cut);
        saved("Undated", TaskStatus.TODO, TaskPriority.NONE, null);
        Task assignedToMe =
                withOwner(task(ws, "For me", TaskStatus.TODO, TaskPriority.NONE, T0, List.of()), "other", "user-1");
        Task othersAssignment =
                withOwner(task(ws, "Given away", TaskStatus.TODO, TaskPriority.NONE, T0, List.of()), "user-1", "other");
        Task othersOwn =
                withOwner(task(ws, "Theirs", TaskStatus.TODO, TaskPriority.NONE, T0, List.of()), "other", null);
        repo.insert(assignedToMe);
        repo.insert(othersAssignment);
        repo.insert(othersOwn);
        repo.insert(task(Ids.newId(), "Elsewhere", TaskStatus.TODO, TaskPriority.NONE, T0, List.of()));

        List<Task> due = repo.openDueBefore(ws, "user-1", cut, 10);
        assertThat(due).extracting(Task::title).containsExactly("Early", "For me", "Mine");
        assertThat(due.get(2).tags()).containsExactly("x");
        assertThat(repo.openDueBefore(ws, "user-1", cut, 1))
                .extracting(Task::id)
                .containsExactly(early.id());
        assertThat(repo.openDueBefore(ws, "other", cut, 10))
                .extracting(Task::title)
                .containsExactly("Given away", "Theirs");
        assertThat(mine.assigneeId()).isNull();
    }

    private static Task withOwner(Task t, String createdBy, String assignee) {
        return new Task(
                t.id(),
                t.workspaceId(),
                t.title(),
                t.notes(),
                t.status(),
                t.priority(),
                t.dueAt(),
                t.timeZone(),
                t.tags(),
                assignee,
                t.project(),
                createdBy,
                t.createdAt(),
                t.updatedAt(),
                t.completedAt());
    }
}
