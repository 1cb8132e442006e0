package dev.atom.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The audit log's contract, on SQLite and (when configured) PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class AuditRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Parameter
    TestDatabase db;

    private AuditRepository repository;
    private final String workspace = Ids.newId();

    @BeforeEach
    void setUp() {
        repository = new AuditRepository(db.jdbc(), JsonMapper.builder().build());
    }

    @AfterParameterizedClassInvocation
    static void closeDatabase(TestDatabase db) {
        db.dataSource().close();
    }

    @Test
    void storesEveryFieldAndReadsItBack() {
        String actor = Ids.newId();
        var event =
                new AuditEvent(workspace, actor, "token.created", Map.of("tokenId", "t1", "name", "ci"), "10.0.0.7");
        String id = repository.append(event, "req-1", T0);

        List<AuditEntry> page = repository.page(workspace, null, 10);

        assertThat(page)
                .containsExactly(new AuditEntry(
                        id, "token.created", actor, Map.of("tokenId", "t1", "name", "ci"), "10.0.0.7", "req-1", T0));
    }

    @Test
    void nullableFieldsStayNull() {
        repository.append(new AuditEvent(workspace, null, "login.failed", null, null), null, T0);

        AuditEntry entry = repository.page(workspace, null, 10).getFirst();

        assertThat(entry.actorUserId()).isNull();
        assertThat(entry.ip()).isNull();
        assertThat(entry.requestId()).isNull();
        assertThat(entry.detail()).isEmpty();
    }

    @Test
    void listsOnlyTheWorkspacesOwnEvents() {
        String mine = repository.append(event("mine"), null, T0);
        repository.append(new AuditEvent(Ids.newId(), null, "theirs", Map.of(), null), null, T0);
        repository.append(new AuditEvent(null, null, "login.failed", Map.of("email", "x@example.com"), null), null, T0);

        assertThat(repository.page(workspace, null, 10))
                .extracting(AuditEntry::id)
                .containsExactly(mine);
    }

    @Test
    void pagesNewestFirstWithoutGapsOrRepeats() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // entries 2, 3 and 4 share one instant: the id breaks the tie
            Instant at = T0.plusSeconds(i < 2 ? i : i < 5 ? 2 : i);
            expected.addFirst(repository.append(event("e" + i), null, at));
        }

        List<String> seen = new ArrayList<>();
        AuditCursor cursor = null;
        for (int pages = 0; pages < 10; pages++) {
            List<AuditEntry> page = repository.page(workspace, cursor, 2);
            page.forEach(e -> seen.add(e.id()));
            if (page.size() < 2) {
                break;
            }
            AuditEntry last = page.getLast();
            cursor = AuditCursor.decode(new AuditCursor(last.createdAt(), last.id()).encode())
                    .orElseThrow();
        }

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void writesJoinTheCallersTransaction() {
        db.transactions().executeWithoutResult(status -> {
            repository.append(event("rolled back"), null, T0);
            status.setRollbackOnly();
        });

        assertThat(repository.page(workspace, null, 10)).isEmpty();
    }

    @Test
    void cursorsThatWereNotIssuedAreRejected() {
        assertThat(AuditCursor.decode("not a cursor")).isEmpty();
        assertThat(AuditCursor.decode("")).isEmpty();
        assertThat(AuditCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("2026|x".getBytes())))
                .isEmpty();
    }

    private AuditEvent event(String type) {
        return new AuditEvent(workspace, Ids.newId(), type, Map.of(), "127.0.0.1");
    }
}
