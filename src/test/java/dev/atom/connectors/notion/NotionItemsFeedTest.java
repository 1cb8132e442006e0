package dev.atom.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.Connectors;
import dev.atom.connectors.SyncChange;
import dev.atom.connectors.SyncedWorkItem;
import dev.atom.testing.SyncFeedRun;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code notion.items}: database items with a people property, found through search; assigned when a people
 * property holds the integration's owner; done by the status' Complete group; edited away means removed.
 */
class NotionItemsFeedTest extends NotionTestBase {
    @Autowired
    Connectors connectors;

    static final String DATA_SOURCE = "{\"object\":\"data_source\",\"id\":\"" + DS + "\",\"title\":[{\"type\":\"text\","
            + "\"plain_text\":\"Sprint\",\"text\":{\"content\":\"Sprint\"}}],\"properties\":{\"Status\":{\"id\":\"s\","
            + "\"type\":\"status\",\"status\":{\"options\":[{\"id\":\"o1\",\"name\":\"Doing\"},{\"id\":\"o2\",\"name\":\"Shipped\"}],"
            + "\"groups\":[{\"id\":\"g1\",\"name\":\"In progress\",\"option_ids\":[\"o1\"]},"
            + "{\"id\":\"g2\",\"name\":\"Complete\",\"option_ids\":[\"o2\"]}]}}}}";

    private static String row(String id, String owner, String edited) {
        return ROW.replace(PAGE, id)
                .replace("\"u1\"", "\"" + owner + "\"")
                .replace("2026-03-01T10:05:00.000Z", edited)
                .replace(
                        "\"object\":\"page\",",
                        "\"object\":\"page\",\"parent\":{\"type\":\"data_source_id\"," + "\"data_source_id\":\"" + DS
                                + "\",\"database_id\":\"" + DB + "\"},");
    }

    private void ownedBy(String user) {
        json(
                get(urlPathEqualTo("/v1/users/me")),
                200,
                "{\"object\":\"user\",\"id\":\"b1\",\"type\":\"bot\",\"bot\":{\"owner\":{\"type\":\"user\","
                        + "\"user\":{\"object\":\"user\",\"id\":\"" + user + "\"}}}}");
        json(get(urlPathEqualTo("/v1/data_sources/" + DS)), 200, DATA_SOURCE);
    }

    @Test
    void aFullPassKeepsTheItemsAssignedToTheIntegrationsOwner() {
        ownedBy("u1");
        String other = "4d5e6f70-8192-4a3b-b5c6-d7e8f9012345";
        json(
                post(urlPathEqualTo("/v1/search")),
                200,
                "{\"object\":\"list\",\"results\":[" + row(PAGE, "u1", "2026-12-01T10:00:00.000Z") + ","
                        + row(other, "u2", "2026-12-01T09:00:00.000Z") + "],\"next_cursor\":null,\"has_more\":false}");

        var r = SyncFeedRun.run(connectors, user.workspaceId(), connection, "notion.items", null, 50);

        assertThat(r.changes()).hasSize(1);
        SyncedWorkItem item = (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(item.externalId()).isEqualTo(PAGE);
        assertThat(item.kind()).isEqualTo("page");
        assertThat(item.title()).isEqualTo("Fix login");
        assertThat(item.container()).isEqualTo("Sprint");
        assertThat(item.status()).isEqualTo("Doing");
        assertThat(item.done()).isFalse();
        assertThat(item.dueDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(item.assignedToMe()).isTrue();
        assertThat(item.refs())
                .containsEntry("statusProperty", "Status")
                .containsEntry("doneOption", "Shipped")
                .containsEntry("dateProperty", "Due");
        STUB.verify(postRequestedFor(urlPathEqualTo("/v1/search"))
                .withRequestBody(matchingJsonPath(
                        "$.filter.value", com.github.tomakehurst.wiremock.client.WireMock.equalTo("page"))));
    }

    @Test
    void aPollStopsAtOlderPagesAndRemovesItemsEditedAwayFromThePerson() {
        ownedBy("u1");
        Instant now = Instant.now();
        String since = now.minus(5, ChronoUnit.MINUTES).toString();
        String cursor = "v1|inc|" + since + "|" + since + "|" + now.minus(1, ChronoUnit.HOURS) + "|";
        String other = "4d5e6f70-8192-4a3b-b5c6-d7e8f9012345";
        json(
                post(urlPathEqualTo("/v1/search")),
                200,
                "{\"object\":\"list\",\"results\":[" + row(other, "u2", now.toString()) + ","
                        + row(PAGE, "u1", "2026-01-01T00:00:00.000Z") + "],\"next_cursor\":\"c2\",\"has_more\":true}");

        var r = SyncFeedRun.run(connectors, user.workspaceId(), connection, "notion.items", cursor, 50);

        assertThat(r.pages()).isEqualTo(1); // the older page ends the walk, though Notion has more
        assertThat(r.changes()).containsExactly(new SyncChange.Removed(other));
    }
}
