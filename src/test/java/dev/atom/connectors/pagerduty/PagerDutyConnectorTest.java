package dev.atom.connectors.pagerduty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.Webhooks;
import dev.atom.shared.Ids;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PagerDuty connector through the running app against WireMock: REST calls checked against PagerDuty's
 * REST API v2 description (pagerduty.json, which requires the Accept, Content-Type and From headers), Events API
 * calls against pagerduty-events-v2.json.
 */
@StubMount(property = "ATOM_PAGERDUTY_BASE_URL", path = PagerDutyConnectorTest.BASE)
@StubMount(property = "ATOM_PAGERDUTY_EVENTS_URL", path = PagerDutyConnectorTest.EVENTS)
class PagerDutyConnectorTest extends ConnectorContractTestBase {
    static final String BASE = "/pagerduty";
    static final String EVENTS = "/pd-events/v2";
    static final String KEY = "y_NbAkKc66ryYTWUXYEu";
    static final String ROUTING = "R0123456789abcdef0123456789abcde";
    static final String INCIDENT = "{\"id\":\"PT4KHLK\",\"type\":\"incident\",\"incident_number\":1234,"
            + "\"title\":\"The server is on fire.\",\"status\":\"triggered\",\"urgency\":\"high\","
            + "\"service\":{\"id\":\"PIJ90N7\",\"type\":\"service_reference\",\"summary\":\"My Mail Service\"},"
            + "\"assignments\":[{\"assignee\":{\"id\":\"PXPGF42\",\"summary\":\"Earline Greenholt\"}}],"
            + "\"incident_key\":\"baf7cf21b1da41b4b0221008339ff357\","
            + "\"html_url\":\"https://acme.pagerduty.com/incidents/PT4KHLK\",\"created_at\":\"2026-12-06T04:00:00Z\"}";

    @Autowired
    Webhooks webhooks;

    private TestUsers users;
    private TestUsers.User user;
    private String connection;

    @Override
    protected String connectorId() {
        return "pagerduty";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "pagerduty.list_incidents",
                "pagerduty.get_incident",
                "pagerduty.create_incident",
                "pagerduty.acknowledge_incident",
                "pagerduty.resolve_incident",
                "pagerduty.add_note",
                "pagerduty.send_event");
    }

    /**
     * The file cut in memory to the paths the connector calls (the shared subset tool recurses without end on its
     * self-referencing schemas), with the few
     * schemas that point into a parameter or response ({@code #/components/parameters/x/schema}, which
     * swagger-parser refuses to load) given a copy of that parameter's schema instead.
     */
    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(OpenApiContract.adjusted(
                "pagerduty.json", "parameter-schema-refs", PagerDutyConnectorTest::inlineRefs));
    }

    static void inlineRefs(ObjectNode spec) {
        // only the paths the connector calls: others (event orchestrations) hold refs the parser cannot load
        ObjectNode paths = (ObjectNode) spec.get("paths");
        for (String path : List.copyOf(paths.propertyNames())) {
            if (!USED.contains(path)) {
                paths.remove(path);
            }
        }
        ObjectNode bodies = (ObjectNode) spec.path("components").path("requestBodies");
        for (String name : List.copyOf(bodies.propertyNames())) {
            if (name.startsWith("OrchestrationCacheVariable")) {
                bodies.remove(name);
            }
        }
        inline(spec, spec, 0);
        // the description requires Accept: application/vnd.pagerduty+json;version=2 but types its answers JSON
        for (String path : USED) {
            paths.path(path)
                    .forEach(op -> op.path("responses").forEach(r -> {
                        if (r.path("content").get("application/json") instanceof ObjectNode media) {
                            ((ObjectNode) r.get("content"))
                                    .set("application/vnd.pagerduty+json;version=2", media.deepCopy());
                        }
                    }));
        }
        // statuses[] is documented as repeatable (statuses[]=triggered&statuses[]=acknowledged) but typed one string
        ObjectNode statuses = (ObjectNode) spec.at("/components/parameters/statuses_incidents");
        ObjectNode array = statuses.putObject("schema-array");
        array.put("type", "array").set("items", statuses.get("schema"));
        statuses.set("schema", array);
        statuses.remove("schema-array");
        // references are {id, type}; the allOf chain through Tag/allOf/0 does not merge in the validator
        ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
        for (String ref :
                List.of("ServiceReference", "UserReference", "EscalationPolicyReference", "PriorityReference")) {
            ObjectNode plain = schemas.putObject(ref);
            plain.put("type", "object").putArray("required").add("id").add("type");
            ObjectNode props = plain.putObject("properties");
            props.putObject("id").put("type", "string");
            props.putObject("type").put("type", "string");
        }
        // IncidentBody: the file's own request example (and PagerDuty's docs) send {type: incident_body, details: text}
        ObjectNode body = schemas.putObject("IncidentBody");
        body.put("type", "object").putArray("required").add("type");
        ObjectNode bodyProps = body.putObject("properties");
        bodyProps.putObject("type").put("type", "string").putArray("enum").add("incident_body");
        bodyProps.putObject("details").put("type", "string");
    }

    static final Set<String> USED =
            Set.of("/incidents", "/incidents/{id}", "/incidents/{id}/notes", "/users/me", "/abilities");

    /** Replaces each {@code $ref} into something other than a schema component by a copy of what it points at. */
    private static void inline(JsonNode node, ObjectNode spec, int depth) {
        if (depth > 60) {
            return;
        }
        if (node instanceof ObjectNode o) {
            for (String name : List.copyOf(o.propertyNames())) {
                JsonNode child = o.get(name);
                JsonNode target = target(child, spec);
                if (target != null) {
                    o.set(name, target);
                    child = target;
                }
                inline(child, spec, depth + 1);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode child = a.get(i);
                JsonNode target = target(child, spec);
                if (target != null) {
                    a.set(i, target);
                    child = target;
                }
                inline(child, spec, depth + 1);
            }
        }
    }

    private static JsonNode target(JsonNode node, ObjectNode spec) {
        String ref = node.path("$ref").asString("");
        // deeper than a component (#/components/parameters/x/schema/...): swagger-parser takes only whole ones
        if (ref.matches("#/components/(?!schemas/)[^/]+/[^/]+/.+")) {
            JsonNode found = spec.at(ref.substring(1));
            return found.isMissingNode() ? null : found.deepCopy();
        }
        return null;
    }

    private static void json(MappingBuilder m, int status, String body) {
        STUB.stubFor(m.willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    @BeforeEach
    void connect() {
        json(
                get(urlPathEqualTo(BASE + "/users/me")),
                200,
                "{\"user\":{\"id\":\"PXPGF42\",\"name\":\"Earline\",\"email\":\"earline@acme.test\"}}");
        users = new TestUsers(this::http);
        user = users.signUp("earline");
        var c = users.as(user)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "pagerduty",
                                "name",
                                "On call",
                                "credentials",
                                Map.of("api_key", KEY, "from_email", "earline@acme.test", "routing_key", ROUTING)));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        connection = c.json().get("id").asString();
    }

    private TestHttp.Response run(String action, Map<String, Object> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }

    @Test
    void healthIsUsersMeWithTheTokenAndVersionHeaders() {
        var tested = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(tested.json().get("status").asString()).isEqualTo("connected");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/users/me"))
                .withHeader("Authorization", equalTo("Token token=" + KEY))
                .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2")));

        json(get(urlPathEqualTo(BASE + "/users/me")), 401, "{\"error\":{\"message\":\"Unauthorized\",\"code\":2006}}");
        var bad = users.as(user).post("/api/v1/connections/" + connection + "/test", null);
        assertThat(bad.json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(bad.toString()).doesNotContain(KEY);
    }

    @Test
    void listsAndReadsIncidents() {
        json(
                get(urlPathEqualTo(BASE + "/incidents")),
                200,
                "{\"incidents\":[" + INCIDENT + "],\"limit\":25,\"offset\":0,\"more\":true}");
        var list = run("pagerduty.list_incidents", Map.of("assignedToMe", true, "serviceIds", List.of("PIJ90N7")));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().at("/output/incidents/0/number").asLong()).isEqualTo(1234);
        assertThat(list.json().at("/output/incidents/0/assignees/0").asString()).isEqualTo("Earline Greenholt");
        assertThat(list.json().at("/output/more").asBoolean()).isTrue();
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/incidents"))
                .withQueryParam("statuses[]", equalTo("triggered"))
                .withQueryParam("user_ids[]", equalTo("PXPGF42"))
                .withQueryParam("service_ids[]", equalTo("PIJ90N7")));

        json(get(urlPathEqualTo(BASE + "/incidents/PT4KHLK")), 200, "{\"incident\":" + INCIDENT + "}");
        var one = run("pagerduty.get_incident", Map.of("incidentId", "PT4KHLK"));
        assertThat(one.json().at("/output/service").asString()).isEqualTo("My Mail Service");

        json(
                get(urlPathEqualTo(BASE + "/incidents/PNOPE00")),
                404,
                "{\"error\":{\"message\":\"Not Found\",\"code\":2100}}");
        var missing = run("pagerduty.get_incident", Map.of("incidentId", "PNOPE00"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("field").asString()).isEqualTo("input.incidentId");
    }

    @Test
    void createsAcknowledgesResolvesAndNotesWithTheFromHeader() {
        json(post(urlPathEqualTo(BASE + "/incidents")), 201, "{\"incident\":" + INCIDENT + "}");
        var created = run(
                "pagerduty.create_incident",
                Map.of(
                        "title",
                        "The server is on fire.",
                        "serviceId",
                        "PIJ90N7",
                        "urgency",
                        "high",
                        "details",
                        "Disk full"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/incidents"))
                .withHeader("From", equalTo("earline@acme.test"))
                .withRequestBody(matchingJsonPath("$.incident.service.id", equalTo("PIJ90N7")))
                .withRequestBody(matchingJsonPath("$.incident.body.details", equalTo("Disk full"))));

        json(
                put(urlPathEqualTo(BASE + "/incidents/PT4KHLK")),
                200,
                "{\"incident\":" + INCIDENT.replace("triggered", "acknowledged") + "}");
        var acked = run("pagerduty.acknowledge_incident", Map.of("incidentId", "PT4KHLK"));
        assertThat(acked.json().at("/output/status").asString()).isEqualTo("acknowledged");
        STUB.verify(putRequestedFor(urlPathEqualTo(BASE + "/incidents/PT4KHLK"))
                .withRequestBody(
                        equalToJson("{\"incident\":{\"type\":\"incident_reference\",\"status\":\"acknowledged\"}}")));

        json(
                put(urlPathEqualTo(BASE + "/incidents/PT4KHLK")),
                200,
                "{\"incident\":" + INCIDENT.replace("triggered", "resolved") + "}");
        var resolved = run("pagerduty.resolve_incident", Map.of("incidentId", "PT4KHLK"));
        assertThat(resolved.json().at("/output/status").asString()).isEqualTo("resolved");

        json(
                post(urlPathEqualTo(BASE + "/incidents/PT4KHLK/notes")),
                201,
                "{\"note\":{\"id\":\"PWL7QXS\",\"content\":\"Restarted the mail server\",\"user\":{\"summary\":\"Earline\"},\"created_at\":\"2026-12-06T04:10:00Z\"}}");
        var note = run("pagerduty.add_note", Map.of("incidentId", "PT4KHLK", "content", "Restarted the mail server"));
        assertThat(note.json().at("/output/id").asString()).isEqualTo("PWL7QXS");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/incidents/PT4KHLK/notes"))
                .withRequestBody(equalToJson("{\"note\":{\"content\":\"Restarted the mail server\"}}")));
    }

    @Test
    void invalidInputNamesTheFieldAndRateLimitsAreRetriable() {
        json(
                post(urlPathEqualTo(BASE + "/incidents")),
                400,
                "{\"error\":{\"message\":\"Invalid Input Provided\",\"code\":2001,\"errors\":[\"Service not found.\"]}}");
        var bad = run("pagerduty.create_incident", Map.of("title", "x", "serviceId", "PBAD000"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.toString()).contains("serviceId");

        STUB.stubFor(get(urlPathEqualTo(BASE + "/incidents"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "15")
                        .withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}")));
        var limited = run("pagerduty.list_incidents", Map.of());
        assertThat(limited.status()).isEqualTo(503);
        assertThat(limited.header("Retry-After")).isEqualTo("15");
    }

    @Test
    void eventsGoToTheEventsApiWithTheRoutingKey() {
        json(
                post(urlPathEqualTo(EVENTS + "/enqueue")),
                202,
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"disk-full-web1\"}");
        var sent = run(
                "pagerduty.send_event",
                Map.of(
                        "action",
                        "trigger",
                        "summary",
                        "Disk full on web1",
                        "source",
                        "web1",
                        "severity",
                        "critical",
                        "dedupKey",
                        "disk-full-web1"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().at("/output/dedupKey").asString()).isEqualTo("disk-full-web1");
        var resolved = run("pagerduty.send_event", Map.of("action", "resolve", "dedupKey", "disk-full-web1"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        STUB.verify(postRequestedFor(urlPathEqualTo(EVENTS + "/enqueue"))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(ROUTING)))
                .withRequestBody(matchingJsonPath("$.payload.severity", equalTo("critical"))));
        var unkeyed = run("pagerduty.send_event", Map.of("action", "acknowledge"));
        assertThat(unkeyed.status()).isEqualTo(400);
        assertThat(unkeyed.toString()).contains("dedupKey");

        json(
                post(urlPathEqualTo(EVENTS + "/enqueue")),
                400,
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'routing_key' is invalid\"]}");
        var refused = run("pagerduty.send_event", Map.of("action", "trigger", "summary", "x", "routingKey", "nope"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.toString()).contains("routingKey");
        OpenApiContract.of("pagerduty-events-v2.json")
                .assertRequestsValid(STUB.findAll(postRequestedFor(urlPathEqualTo(EVENTS + "/enqueue"))), EVENTS);
    }

    @Test
    void aSignedWebhookStartsOnceAndABadSignatureIsRefused() {
        byte[] body = PagerDutyWebhookTriggerTest.triggered("01DEN" + Ids.newId());
        var headers = PagerDutyWebhookTriggerTest.headers(PagerDutyWebhookTriggerTest.sign("pd-secret", body));
        String ws = Ids.newId();
        var event = webhooks.receive(ws, "pagerduty.incident_event", "wf-1", headers, body, "pd-secret");
        assertThat(event.payload().get("eventType").asString()).isEqualTo("incident.triggered");
        assertThatThrownBy(() -> webhooks.receive(ws, "pagerduty.incident_event", "wf-1", headers, body, "pd-secret"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.REPLAYED);
        var forged = PagerDutyWebhookTriggerTest.headers(PagerDutyWebhookTriggerTest.sign("guess", body));
        assertThatThrownBy(() -> webhooks.receive(ws, "pagerduty.incident_event", "wf-2", forged, body, "pd-secret"))
                .isInstanceOf(WebhookRefusal.class)
                .extracting(e -> ((WebhookRefusal) e).reason())
                .isEqualTo(WebhookRefusal.Reason.BAD_SIGNATURE);
    }
}
