package dev.atom.workspace.search;

import static dev.atom.workspace.search.SearchApiTest.awaitSearch;
import static dev.atom.workspace.search.SearchApiTest.titles;
import static dev.atom.workspace.search.SearchApiTest.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.Ids;
import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who sees which hit: two members of one workspace and a member of another. Synced items follow their
 * connection's visibility (private: the owner alone; shared: every member), Atom's own items their owner (none:
 * everyone in the workspace), and nothing crosses workspaces. Items arrive the way every store sends them: a
 * {@link SearchDocumentsChanged} event.
 */
class SearchPermissionTest extends AppTestBase {
    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcClient jdbc;

    private final String word = "zp" + UUID.randomUUID().toString().substring(0, 6);

    private String connection(TestUsers.User owner, String visibility) {
        String id = Ids.newId();
        String now = "2026-12-05T09:00:00.000000Z";
        jdbc.sql("""
                        INSERT INTO connections (id, workspace_id, connector, name, status, created_by, created_at,
                            updated_at, visibility)
                        VALUES (:id, :ws, 'gmail', 'Mail', 'connected', :owner, :now, :now, :visibility)
                        """)
                .param("id", id)
                .param("ws", owner.workspaceId())
                .param("owner", owner.id())
                .param("now", now)
                .param("visibility", visibility)
                .update();
        return id;
    }

    private SearchDocument doc(String type, String title, String ws, String connection, String owner) {
        return new SearchDocument(
                type,
                Ids.newId(),
                ws,
                connection,
                owner,
                title + " " + word,
                "",
                "Gmail",
                Instant.now(),
                "/x",
                Map.of("from", "ann@example.com"));
    }

    @Test
    void aMemberSeesSharedItemsTheirOwnPrivateOnesAndNothingOfAnotherWorkspace() {
        TestUsers users = new TestUsers(this::http);
        TestUsers.User ann = users.signUp("ann");
        TestUsers.User bob = users.invite("bob", ann, "member");
        TestUsers.User carol = users.signUp("carol");
        String annMail = connection(ann, "private");
        String bobMail = connection(bob, "private");
        String teamMail = connection(bob, "shared");
        String carolMail = connection(carol, "shared");

        events.publishEvent(new SearchDocumentsChanged(
                List.of(
                        doc("message", "Ann private", ann.workspaceId(), annMail, null),
                        doc("message", "Bob private", ann.workspaceId(), bobMail, null),
                        doc("message", "Team shared", ann.workspaceId(), teamMail, null),
                        doc("event", "Ann local event", ann.workspaceId(), null, ann.id()),
                        doc("task", "Everyone task", ann.workspaceId(), null, null),
                        doc("message", "Carol shared", carol.workspaceId(), carolMail, null),
                        doc("task", "Carol task", carol.workspaceId(), null, null)),
                List.of()));

        TestHttp asAnn = users.as(ann);
        TestHttp asBob = users.as(bob);
        TestHttp asCarol = users.as(carol);
        JsonAssert.of(awaitSearch(asAnn, url(word, ""), p -> p.get("hits").size() >= 4))
                .hasTitles("Ann private", "Team shared", "Ann local event", "Everyone task");
        JsonAssert.of(asBob.get(url(word, "")).json()).hasTitles("Bob private", "Team shared", "Everyone task");
        JsonAssert.of(asCarol.get(url(word, "")).json()).hasTitles("Carol shared", "Carol task");

        // the same through every filter: a connection id of another member names nothing
        assertThat(titles(asBob.get(url(word, "&source=" + annMail)).json())).isEmpty();
        assertThat(titles(asAnn.get(url(word, "&source=" + annMail)).json())).hasSize(1);
        assertThat(titles(asBob.get(url("from:ann " + word, "")).json()))
                .hasSize(3)
                .noneMatch(t -> t.startsWith("Ann"));

        // a connection made private later hides its items at once (checked at query time)
        jdbc.sql("UPDATE connections SET visibility = 'private' WHERE id = :id")
                .param("id", teamMail)
                .update();
        JsonAssert.of(asAnn.get(url(word, "")).json()).hasTitles("Ann private", "Ann local event", "Everyone task");
    }

    private record JsonAssert(List<String> found) {
        static JsonAssert of(tools.jackson.databind.JsonNode page) {
            return new JsonAssert(SearchApiTest.titles(page));
        }

        void hasTitles(String... expected) {
            assertThat(found.stream()
                            .map(t -> t.substring(0, t.lastIndexOf(' ')))
                            .toList())
                    .containsExactlyInAnyOrder(expected);
        }
    }
}
