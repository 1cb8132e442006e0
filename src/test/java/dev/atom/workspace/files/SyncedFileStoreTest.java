package dev.atom.workspace.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedFile;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import dev.atom.workspace.search.SearchDocument;
import dev.atom.workspace.search.SearchDocumentsChanged;
import dev.atom.workspace.sync.SyncScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The synced files store's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class SyncedFileStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private final List<SearchDocumentsChanged> published = new ArrayList<>();
    private SyncedFileStore store;
    private SyncScope scope;

    @BeforeEach
    void setUp() {
        store = new SyncedFileStore(
                db.jdbc(), db.transactions(), e -> published.add((SearchDocumentsChanged) e), id -> id);
        scope = new SyncScope(Ids.newId(), Ids.newId(), "dropbox", "dropbox.files");
    }

    private static SyncChange file(String path, String text) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new SyncChange.Upsert(
                new SyncedFile(path, name, path, "text/plain", 12, T0, "dana@example.com", "https://x/" + name, text));
    }

    private List<String> names(SyncScope s) {
        List<String> out = new ArrayList<>();
        store.forEach(d -> {
            if (d.workspaceId().equals(s.workspaceId()) && d.connectionId().equals(s.connectionId())) {
                out.add(d.title());
            }
        });
        return out;
    }

    @Test
    void aPageAppliedTwiceLeavesTheSameRowsAndIdsAndPublishesDocuments() {
        List<SyncChange> page = List.of(file("/docs/a.txt", "alpha"), file("/docs/b.txt", null));
        store.apply(scope, page, T0);
        store.apply(scope, page, T0.plusSeconds(1));
        assertThat(store.count(scope)).isEqualTo(2);
        assertThat(names(scope)).containsExactlyInAnyOrder("a.txt", "b.txt");
        assertThat(published).hasSize(2);
        List<String> first =
                published.get(0).upserted().stream().map(SearchDocument::id).toList();
        List<String> second =
                published.get(1).upserted().stream().map(SearchDocument::id).toList();
        assertThat(second).isEqualTo(first);
        SearchDocument a = published.get(0).upserted().getFirst();
        assertThat(a.type()).isEqualTo("file");
        assertThat(a.body()).isEqualTo("alpha");
        assertThat(a.connectionId()).isEqualTo(scope.connectionId());
        assertThat(a.fields()).containsEntry("from", "dana@example.com");
        store.apply(scope, List.of(), T0);
        assertThat(published).hasSize(2);
    }

    @Test
    void aRemovedFolderTakesWhatIsBelowItButNotItsNamesakes() {
        store.apply(
                scope,
                List.of(
                        file("/docs/a.txt", null),
                        file("/docs/sub/b.txt", null),
                        file("/docs_old/c.txt", null),
                        file("/docs2.txt", null)),
                T0);
        store.apply(scope, List.of(new SyncChange.Removed("/docs")), T0.plusSeconds(1));
        assertThat(names(scope)).containsExactlyInAnyOrder("c.txt", "docs2.txt");
        assertThat(published.getLast().removed()).hasSize(2).allMatch(k -> k.startsWith("file:"));
        store.apply(scope, List.of(new SyncChange.Removed("/docs2.txt")), T0.plusSeconds(2));
        assertThat(names(scope)).containsExactly("c.txt");
    }

    @Test
    void aSweepRemovesWhatAFullSyncDidNotSeeAgain() {
        store.apply(scope, List.of(file("/a.txt", null), file("/b.txt", null)), T0);
        Instant resync = T0.plusSeconds(60);
        store.apply(scope, List.of(file("/b.txt", "new")), resync.plusSeconds(1));
        assertThat(store.sweep(scope, resync)).isEqualTo(1);
        assertThat(names(scope)).containsExactly("b.txt");
        assertThat(store.sweep(scope, resync)).isZero();
    }

    @Test
    void removingAConnectionTakesOnlyItsFiles() {
        SyncScope other = new SyncScope(scope.workspaceId(), Ids.newId(), "google-drive", "google-drive.files");
        store.apply(scope, List.of(file("/a.txt", null)), T0);
        store.apply(other, List.of(file("/a.txt", null)), T0);
        assertThat(store.removeConnection(scope.workspaceId(), scope.connectionId()))
                .isEqualTo(1);
        assertThat(store.count(scope)).isZero();
        assertThat(store.count(other)).isEqualTo(1);
        assertThat(store.removeConnection(scope.workspaceId(), scope.connectionId()))
                .isZero();
    }

    @Test
    void longTextIsCapped() {
        store.apply(scope, List.of(file("/big.txt", "x".repeat(SyncedFileStore.MAX_TEXT + 10))), T0);
        assertThat(published.getFirst().upserted().getFirst().body()).hasSize(SyncedFileStore.MAX_TEXT);
        List<SearchDocument> all = new ArrayList<>();
        store.forEach(all::add);
        assertThat(all.stream()
                        .filter(d -> d.title().equals("big.txt"))
                        .findFirst()
                        .orElseThrow()
                        .body())
                .hasSize(SyncedFileStore.MAX_TEXT);
    }
}
