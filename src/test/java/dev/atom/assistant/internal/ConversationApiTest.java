package dev.atom.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The conversations API: create, list newest first in pages, show, rename, delete; each user sees only theirs. */
class ConversationApiTest extends AppTestBase {
    private static final String BASE = "/api/v1/assistant/conversations";
    private TestUsers users;
    private TestUsers.User ann;
    private TestUsers.User ben;

    @BeforeEach
    void setUp() {
        users = new TestUsers(this::http);
        ann = users.signUp("ann");
        ben = users.invite("ben", ann, "admin");
    }

    private String create(TestUsers.User who, Object body) {
        var r = users.as(who).post(BASE, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location"))
                .isEqualTo(BASE + "/" + r.json().get("id").asString());
        return r.json().get("id").asString();
    }

    @Test
    void createsListsShowsRenamesAndDeletes() {
        List<String> ids = new ArrayList<>();
        ids.add(create(ann, Map.of()));
        ids.add(create(ann, Map.of("title", "Trip to Lisbon")));
        ids.add(create(ann, Map.of("title", "Budget")));

        var first = users.as(ann).get(BASE + "?limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("items").valueStream().map(i -> i.get("id").asString()))
                .containsExactly(ids.get(2), ids.get(1));
        String cursor = first.json().get("nextCursor").asString();
        var second = users.as(ann).get(BASE + "?limit=2&cursor=" + cursor);
        assertThat(second.json().get("items").valueStream().map(i -> i.get("id").asString()))
                .containsExactly(ids.get(0));
        assertThat(second.json().get("nextCursor").isNull()).isTrue();

        JsonNode shown = users.as(ann).get(BASE + "/" + ids.get(1)).json();
        assertThat(shown.get("id").asString()).isEqualTo(ids.get(1));
        assertThat(shown.get("title").asString()).isEqualTo("Trip to Lisbon");
        assertThat(shown.get("messages")).isEmpty();
        assertThat(users.as(ann)
                        .get(BASE + "/" + ids.get(0))
                        .json()
                        .get("title")
                        .isNull())
                .isTrue();

        var renamed = users.as(ann).patch(BASE + "/" + ids.get(1), Map.of("title", "Lisbon, May"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(users.as(ann)
                        .get(BASE + "/" + ids.get(1))
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("Lisbon, May");

        assertThat(users.as(ann).delete(BASE + "/" + ids.get(1)).status()).isEqualTo(204);
        assertThat(users.as(ann).get(BASE + "/" + ids.get(1)).status()).isEqualTo(404);
        assertThat(users.as(ann).delete(BASE + "/" + ids.get(1)).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersConversationIsNotFoundEvenForAnAdminOfTheWorkspace() {
        String id = create(ann, Map.of("title", "Ann's thoughts"));
        assertThat(users.as(ben).get(BASE + "/" + id).status()).isEqualTo(404);
        assertThat(users.as(ben).patch(BASE + "/" + id, Map.of("title", "x")).status())
                .isEqualTo(404);
        assertThat(users.as(ben).delete(BASE + "/" + id).status()).isEqualTo(404);
        assertThat(users.as(ben).get(BASE).body()).doesNotContain(id);
        assertThat(users.as(ann).get(BASE + "/" + id).json().get("title").asString())
                .isEqualTo("Ann's thoughts");
        assertThat(users.as(ann).get(BASE + "/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        String id = create(ann, null);
        var longTitle = users.as(ann).post(BASE, Map.of("title", "x".repeat(201)));
        assertThat(longTitle.status()).isEqualTo(400);
        assertThat(longTitle.body()).contains("\"title\"");
        var emptyRename = users.as(ann).patch(BASE + "/" + id, Map.of("title", " "));
        assertThat(emptyRename.status()).isEqualTo(400);
        assertThat(emptyRename.body()).contains("\"title\"");
        var limit = users.as(ann).get(BASE + "?limit=0");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.body()).contains("\"limit\"");
        var cursor = users.as(ann).get(BASE + "?cursor=bogus");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.body()).contains("\"cursor\"");
    }
}
