package dev.atom.workspace.worktasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.shared.Ids;
import dev.atom.shared.time.Timestamps;
import dev.atom.testing.TestDatabase;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The work item repository's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class WorkItemRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Parameter
    TestDatabase db;

    private WorkItemRepository repo;
    private String ws;
    private SyncScope ann;
    private SyncScope bobs;

    @BeforeEach
    void setUp() {
        repo = new WorkItemRepository(db.jdbc(), db.dialect(), db.transactions());
        ws = Ids.newId();
        ann = new SyncScope(ws, connection(ws, "github", "ann", "shared"), "github", "github.issues");
        bobs = new SyncScope(ws, connection(ws, "jira", "bob", "private"), "jira", "jira.issues");
    }

    private String connection(String workspace, String connector, String owner, String visibility) {
        String id = Ids.newId();
        String now = Timestamps.format(T0);
        db.jdbc()
                .sql("INSERT INTO connections (id, workspace_id, connector, name, status, created_by, created_at,"
                        + " updated_at, visibility) VALUES (:id, :ws, :connector, :name, 'connected', :owner, :now,"
                        + " :now, :visibility)")
                .param("id", id)
                .param("ws", workspace)
                .param("connector", connector)
                .param("name", connector + " of " + owner)
                .param("owner", owner)
                .param("now", now)
                .param("visibility", visibility)
                .update();
        return id;
    }

    private static SyncedWorkItem item(String ext, String title, boolean done, LocalDate due, boolean mine) {
        return new SyncedWorkItem(
                ext,
                "issue",
                title,
                "acme/app",
                done ? "closed" : "open",
                done,
                due,
                mine,
                "body of " + title,
                "https://example.com/" + ext,
                T0,
                Map.of("owner", "acme", "repo", "app", "number", ext));
    }

    private static List<SyncChange> upserts(SyncedWorkItem... items) {
        List<SyncChange> out = new ArrayList<>();
        for (SyncedWorkItem i : items) {
            out.add(new SyncChange.Upsert(i));
        }
        return out;
    }

    private List<String> titles(String viewer, WorkItemFilter filter) {
        return repo.list(ws, viewer, filter, 0, 50).stream()
                .map(w -> w.item().title())
                .toList();
    }

    @Test
    void upsertsKeepAtomsIdAndReadBackEveryField() {
        var first = repo.apply(ann, upserts(item("1", "Crash", false, LocalDate.of(2026, 12, 9), true)), T0);
        assertThat(first.upserted()).hasSize(1);
        WorkItem saved = first.upserted().getFirst();
        assertThat(saved.item()).isEqualTo(item("1", "Crash", false, LocalDate.of(2026, 12, 9), true));
        assertThat(saved.connectionName()).isEqualTo("github of ann");
        assertThat(saved.connector()).isEqualTo("github");
        assertThat(saved.feed()).isEqualTo("github.issues");
        assertThat(saved.syncedAt()).isEqualTo(T0);
        assertThat(saved.searchType()).isEqualTo("issue");

        // the same page again (a crash before the cursor was saved), then a change: still one row, same id
        repo.apply(ann, upserts(item("1", "Crash", false, LocalDate.of(2026, 12, 9), true)), T0);
        var again = repo.apply(ann, upserts(item("1", "Crash on start", true, null, true)), T0.plusSeconds(60));
        assertThat(again.upserted().getFirst().id()).isEqualTo(saved.id());
        assertThat(repo.count(ann)).isEqualTo(1);
        WorkItem now = repo.find(ws, "ann", saved.id()).orElseThrow();
        assertThat(now.item().title()).isEqualTo("Crash on start");
        assertThat(now.item().done()).isTrue();
        assertThat(now.item().dueDate()).isNull();
        assertThat(now.syncedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void removalsSweepsAndRemovedConnectionsDeleteRows() {
        var applied =
                repo.apply(ann, upserts(item("1", "A", false, null, true), item("2", "B", false, null, true)), T0);
        repo.apply(bobs, upserts(item("1", "Bob's", false, null, true)), T0);

        var removed = repo.apply(ann, List.of(new SyncChange.Removed("1"), new SyncChange.Removed("nope")), T0);
        assertThat(removed.removed())
                .containsExactly(new WorkItemRepository.Removed(
                        applied.upserted().getFirst().id(), "issue"));
        assertThat(repo.count(ann)).isEqualTo(1);

        // a full resync began at T0+1m and saw only item 3: item 2 goes, bob's feed stays
        repo.apply(ann, upserts(item("3", "C", false, null, true)), T0.plusSeconds(61));
        assertThat(repo.sweep(ann, T0.plusSeconds(60))).hasSize(1);
        assertThat(titles("ann", WorkItemFilter.none())).containsExactly("C");
        assertThat(repo.count(bobs)).isEqualTo(1);

        assertThat(repo.removeConnection(ws, bobs.connectionId())).hasSize(1);
        assertThat(repo.count(bobs)).isZero();
        assertThat(repo.removeConnection(Ids.newId(), ann.connectionId())).isEmpty();
        assertThat(repo.count(ann)).isEqualTo(1);
    }

    @Test
    void aPersonSeesOnlyTheItemsAssignedToTheirOwnConnections() {
        repo.apply(
                ann, upserts(item("1", "Ann's", false, null, true), item("2", "Not assigned", false, null, false)), T0);
        WorkItem bobs1 = repo.apply(bobs, upserts(item("1", "Bob's", false, null, true)), T0)
                .upserted()
                .getFirst();

        assertThat(titles("ann", WorkItemFilter.none())).containsExactly("Ann's");
        // ann's GitHub connection is shared, yet its account's assignments are not bob's tasks
        assertThat(titles("bob", WorkItemFilter.none())).containsExactly("Bob's");
        assertThat(repo.find(ws, "ann", bobs1.id())).isEmpty();
        assertThat(repo.find(Ids.newId(), "bob", bobs1.id())).isEmpty();

        // bob's connection turned shared: still his own work, not ann's
        db.jdbc()
                .sql("UPDATE connections SET visibility = 'shared' WHERE id = :id")
                .param("id", bobs.connectionId())
                .update();
        assertThat(titles("ann", WorkItemFilter.none())).containsExactly("Ann's");
    }

    @Test
    void filtersOrderAndPages() {
        repo.apply(
                ann,
                upserts(
                        item("1", "Later", false, LocalDate.of(2026, 12, 20), true),
                        item("2", "Soon", false, LocalDate.of(2026, 12, 3), true),
                        item("3", "Undated", false, null, true),
                        item("4", "Finished", true, LocalDate.of(2026, 11, 1), true)),
                T0);
        assertThat(titles("ann", WorkItemFilter.none())).containsExactly("Soon", "Later", "Undated", "Finished");
        assertThat(titles("ann", new WorkItemFilter(false, null, null, null, null)))
                .containsExactly("Soon", "Later", "Undated");
        assertThat(titles("ann", new WorkItemFilter(true, null, null, null, null)))
                .containsExactly("Finished");
        assertThat(titles("ann", new WorkItemFilter(null, "LAT", null, null, null)))
                .containsExactly("Later");
        assertThat(titles("ann", new WorkItemFilter(null, null, LocalDate.of(2026, 12, 20), null, null)))
                .containsExactly("Soon", "Finished");
        assertThat(titles("ann", new WorkItemFilter(null, null, null, "jira", null)))
                .isEmpty();
        assertThat(titles("ann", new WorkItemFilter(null, null, null, "github", "acme/app")))
                .hasSize(4);
        assertThat(repo.list(ws, "ann", WorkItemFilter.none(), 1, 2).stream()
                        .map(w -> w.item().title()))
                .containsExactly("Later", "Undated");

        assertThat(repo.dueBy(ws, "ann", LocalDate.of(2026, 12, 5)).stream()
                        .map(w -> w.item().title()))
                .containsExactly("Soon");
        assertThat(repo.dueBy(ws, "bob", LocalDate.of(2026, 12, 31))).isEmpty();
    }

    @Test
    void writingThroughChangesTheLocalCopyAndEverythingStreams() {
        WorkItem w = repo.apply(ann, upserts(item("1", "A", false, null, true)), T0)
                .upserted()
                .getFirst();
        assertThat(repo.updateLocal(ws, w.id(), true, "closed", LocalDate.of(2027, 1, 2)))
                .isTrue();
        WorkItem now = repo.byId(ws, w.id()).orElseThrow();
        assertThat(now.item().done()).isTrue();
        assertThat(now.item().status()).isEqualTo("closed");
        assertThat(now.item().dueDate()).isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(repo.updateLocal(Ids.newId(), w.id(), false, "open", null)).isFalse();

        List<String> streamed = new ArrayList<>();
        repo.forEach(x -> {
            if (x.workspaceId().equals(ws)) {
                streamed.add(x.id());
            }
        });
        assertThat(streamed).containsExactly(w.id());
    }
}
