package dev.atom.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.SyncFeedRun;
import dev.atom.testing.TestUsers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Asana and Trello work-item feeds ({@code asana.tasks}, {@code trello.cards}) and {@code
 * trello.update_card_due}, against WireMock, every request checked against the services' descriptions.
 */
@StubMount(property = "ATOM_ASANA_BASE_URL", path = "/api/1.0")
class WorkTrackerFeedsTest extends StubbedServiceTestBase {
    static final String ASANA = "/api/1.0";
    static final String TRELLO = "/1";
    static final String PAT = "2/1204" + "567890123456/1208765432109876:0123456789abcdef0123456789abcdef";
    static final String CARD_ID = "5f1e2d3c4b5a69788796a5b4";

    @Autowired
    Connectors connectors;

    private final TestUsers users = new TestUsers(this::http);
    private TestUsers.User user;

    private static void json(com.github.tomakehurst.wiremock.client.MappingBuilder m, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body)));
    }

    private String connect(Map<String, Object> body) {
        user = users.signUp("tracker");
        var c = users.as(user).post("/api/v1/connections", body);
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        return c.json().get("id").asString();
    }

    @AfterEach
    void everyRequestIsOneTheServicesAccept() {
        OpenApiContract.subset(
                        "asana.json", Map.of(OpenApiContract.RESOLVE_ALL_OF, "true"), "/users/{user_gid}", "/tasks")
                .assertRequestsValid(STUB, ASANA, "/1/.*");
        // The shared description predates dueComplete, which Trello documents as a query parameter of
        // PUT /1/cards/{id} (developer.atlassian.com/cloud/trello/rest/api-group-cards/#api-cards-id-put).
        OpenApiContract.adjusted(
                        "trello.json",
                        "dueComplete",
                        spec -> OpenApiContract.operation(spec, "/cards/{idCard}", "put")
                                .withArray("parameters")
                                .addObject()
                                .put("name", "dueComplete")
                                .put("in", "query")
                                .putObject("schema")
                                .put("type", "boolean"))
                .assertRequestsValid(STUB, TRELLO, "/api/1\\.0/.*");
    }

    @Test
    void asanaListsTheTasksAssignedToMeInEachWorkspace() {
        json(
                get(urlPathEqualTo(ASANA + "/users/me")),
                "{\"data\":{\"gid\":\"42\",\"email\":\"a@example.com\",\"workspaces\":[{\"gid\":\"100\",\"name\":\"Acme\"},"
                        + "{\"gid\":\"200\",\"name\":\"Home\"}]}}");
        String conn = connect(Map.of("connector", "asana", "name", "Asana", "credentials", Map.of("token", PAT)));
        json(
                get(urlPathEqualTo(ASANA + "/tasks")).withQueryParam("workspace", equalTo("100")),
                "{\"data\":[{\"gid\":\"1201\",\"name\":\"Ship it\",\"completed\":false,\"due_on\":\"2026-12-09\","
                        + "\"notes\":\"Soon\",\"permalink_url\":\"https://app.asana.com/0/1/1201\","
                        + "\"modified_at\":\"2026-12-01T10:00:00.000Z\",\"projects\":[{\"gid\":\"9\",\"name\":\"Launch\"}]}],"
                        + "\"next_page\":null}");
        json(
                get(urlPathEqualTo(ASANA + "/tasks")).withQueryParam("workspace", equalTo("200")),
                "{\"data\":[],\"next_page\":null}");

        var r = SyncFeedRun.run(connectors, user.workspaceId(), conn, "asana.tasks", null, 50);

        assertThat(r.pages()).isEqualTo(2); // one per workspace
        assertThat(r.changes()).hasSize(1);
        SyncedWorkItem task = (SyncedWorkItem) ((SyncChange.Upsert) r.changes().getFirst()).item();
        assertThat(task.externalId()).isEqualTo("1201");
        assertThat(task.container()).isEqualTo("Launch");
        assertThat(task.dueDate()).isEqualTo(LocalDate.of(2026, 12, 9));
        assertThat(task.done()).isFalse();
        STUB.verify(getRequestedFor(urlPathEqualTo(ASANA + "/tasks"))
                .withQueryParam("assignee", equalTo("me"))
                .withQueryParam("completed_since", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));

        SyncFeedRun.run(connectors, user.workspaceId(), conn, "asana.tasks", r.cursor(), 50);
        STUB.verify(getRequestedFor(urlPathEqualTo(ASANA + "/tasks"))
                .withQueryParam("modified_since", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
    }

    @Test
    void trelloListsTheMembersOpenCardsAndPollsKeepTheRecentlyActiveOnes() {
        json(get(urlPathEqualTo(TRELLO + "/members/me")), "{\"id\":\"m1\",\"username\":\"tessa\"}");
        String conn = connect(Map.of(
                "connector",
                "trello",
                "name",
                "Boards",
                "credentials",
                Map.of(
                        "api_key",
                        "0123456789abcdef0123456789abcdef",
                        "token",
                        "ATTAabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ")));
        json(get(urlPathEqualTo(TRELLO + "/members/me/boards")), "[{\"id\":\"b1\",\"name\":\"Roadmap\"}]");
        String recent = Instant.now().toString();
        json(
                get(urlPathEqualTo(TRELLO + "/members/me/cards")),
                "[{\"id\":\"" + CARD_ID
                        + "\",\"name\":\"Fix login\",\"desc\":\"\",\"due\":\"2026-12-24T12:00:00.000Z\","
                        + "\"dueComplete\":false,\"dateLastActivity\":\"" + recent + "\",\"idBoard\":\"b1\","
                        + "\"shortUrl\":\"https://trello.com/c/abc\",\"closed\":false},"
                        + "{\"id\":\"5f1e2d3c4b5a69788796a5b5\",\"name\":\"Old\",\"dueComplete\":true,"
                        + "\"dateLastActivity\":\"2026-01-01T00:00:00.000Z\",\"idBoard\":\"b1\",\"shortUrl\":\"https://trello.com/c/old\"}]");

        var full = SyncFeedRun.run(connectors, user.workspaceId(), conn, "trello.cards", null, 50);
        assertThat(full.changes()).hasSize(2);
        SyncedWorkItem card =
                (SyncedWorkItem) ((SyncChange.Upsert) full.changes().getFirst()).item();
        assertThat(card.kind()).isEqualTo("card");
        assertThat(card.container()).isEqualTo("Roadmap");
        assertThat(card.dueDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(((SyncedWorkItem) ((SyncChange.Upsert) full.changes().get(1)).item()).done())
                .isTrue();
        STUB.verify(getRequestedFor(urlPathEqualTo(TRELLO + "/members/me/cards"))
                .withQueryParam("filter", equalTo("open")));

        String since = Instant.now().minus(10, ChronoUnit.MINUTES).toString();
        var poll = SyncFeedRun.run(
                connectors,
                user.workspaceId(),
                conn,
                "trello.cards",
                "v1|inc|" + since + "|" + since + "|" + since + "|",
                50);
        assertThat(poll.changes()).extracting(SyncChange::externalId).containsExactly(CARD_ID);

        json(
                put(urlPathEqualTo(TRELLO + "/cards/" + CARD_ID)),
                "{\"id\":\"" + CARD_ID + "\",\"name\":\"Fix login\","
                        + "\"idList\":\"l1\",\"idBoard\":\"b1\",\"shortUrl\":\"https://trello.com/c/abc\"}");
        var done = users.as(user)
                .post(
                        "/api/v1/connections/" + conn + "/actions/trello.update_card_due",
                        Map.of("cardId", CARD_ID, "dueComplete", true, "due", "2026-12-31"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        STUB.verify(putRequestedFor(urlPathEqualTo(TRELLO + "/cards/" + CARD_ID))
                .withQueryParam("dueComplete", equalTo("true"))
                .withRequestBody(equalToJson("{\"due\":\"2026-12-31T12:00:00Z\"}")));
        var bad = users.as(user)
                .post(
                        "/api/v1/connections/" + conn + "/actions/trello.update_card_due",
                        Map.of("cardId", "nope", "dueComplete", true));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("input.cardId");
    }
}
