package dev.atom.connectors.googlecontacts;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.ApiDescription;
import dev.atom.testing.GoogleConnectorTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Google Contacts (People API) connector against WireMock, checked against google-people.json. */
@StubMount(property = "ATOM_GOOGLE_CONTACTS_BASE_URL", path = GoogleContactsConnectorTest.MOUNT)
class GoogleContactsConnectorTest extends GoogleConnectorTestBase {
    static final String MOUNT = "/google-people";
    static final String ANN = "{\"resourceName\":\"people/c42\",\"etag\":\"%EgU=\",\"names\":[{\"displayName\":"
            + "\"Ann Lee\",\"givenName\":\"Ann\",\"familyName\":\"Lee\",\"metadata\":{\"primary\":true}}],"
            + "\"emailAddresses\":[{\"value\":\"ann@work.example\"},{\"value\":\"ann@example.com\","
            + "\"metadata\":{\"primary\":true}}],\"phoneNumbers\":[{\"value\":\"+44 20 7946 0000\"}],"
            + "\"organizations\":[{\"name\":\"Acme\",\"title\":\"CFO\"}]}";

    @Override
    protected String connectorId() {
        return "google-contacts";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "google-contacts.search_contacts",
                "google-contacts.list_contacts",
                "google-contacts.get_contact",
                "google-contacts.create_contact",
                "google-contacts.update_contact");
    }

    /**
     * The description writes contact paths as {@code /v1/{resourceName}...} with a resource name such as {@code
     * people/c42} in one parameter, which a path matcher cannot split at its slash; each is copied under {@code
     * /v1/people/{resourceName}...} (the same operation, its id suffixed {@code _people}), as Google's own clients expand {@code {+resourceName}}.
     */
    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(OpenApiContract.strict("google-people.json", "people-paths", spec -> {
            ObjectNode paths = (ObjectNode) spec.path("paths");
            for (String suffix : List.of("", ":updateContact", "/connections")) {
                ObjectNode alias =
                        (ObjectNode) paths.path("/v1/{resourceName}" + suffix).deepCopy();
                alias.forEach(op -> {
                    if (op instanceof ObjectNode o && o.has("operationId")) {
                        o.put("operationId", o.get("operationId").asString() + "_people");
                    }
                });
                paths.set("/v1/people/{resourceName}" + suffix, alias);
            }
        }));
    }

    @Test
    void healthReadsOneContactAndA401NeedsReconnecting() {
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people/me/connections"))
                .willReturn(json("{\"connections\":[" + ANN + "],\"totalPeople\":1}")));
        assertThat(test().json().get("status").asString()).isEqualTo("connected");
        STUB.verify(getRequestedFor(urlPathEqualTo(MOUNT + "/v1/people/me/connections"))
                .withQueryParam("pageSize", equalTo("1"))
                .withQueryParam("personFields", equalTo("names")));
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people/me/connections"))
                .willReturn(error(401, "authError", "Invalid Credentials")));
        assertThat(test().json().get("status").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void searchesAndListsContacts() {
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people:searchContacts"))
                .willReturn(json("{\"results\":[{\"person\":" + ANN + "}]}")));
        JsonNode found = output("google-contacts.search_contacts", Map.of("query", "ann", "limit", 5));
        JsonNode ann = found.at("/contacts/0");
        assertThat(ann.get("contactId").asString()).isEqualTo("c42");
        assertThat(ann.get("name").asString()).isEqualTo("Ann Lee");
        assertThat(ann.get("emails").get(0).asString()).as("the primary first").isEqualTo("ann@example.com");
        assertThat(ann.get("title").asString()).isEqualTo("CFO");
        STUB.verify(getRequestedFor(urlPathEqualTo(MOUNT + "/v1/people:searchContacts"))
                .withQueryParam("query", equalTo("ann"))
                .withQueryParam("pageSize", equalTo("5")));

        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people/me/connections"))
                .willReturn(json("{\"connections\":[" + ANN + "],\"nextPageToken\":\"p2\",\"totalPeople\":9}")));
        JsonNode page = output("google-contacts.list_contacts", Map.of("pageSize", 1));
        assertThat(page.get("nextPageToken").asString()).isEqualTo("p2");
        STUB.verify(getRequestedFor(urlPathEqualTo(MOUNT + "/v1/people/me/connections"))
                .withQueryParam("sortOrder", equalTo("LAST_MODIFIED_DESCENDING")));
    }

    @Test
    void getsAContactAndAMissingOneNamesTheField() {
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people/c42")).willReturn(json(ANN)));
        assertThat(output("google-contacts.get_contact", Map.of("contactId", "people/c42"))
                        .get("phones")
                        .get(0)
                        .asString())
                .isEqualTo("+44 20 7946 0000");
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people/c404"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        var missing = run("google-contacts.get_contact", Map.of("contactId", "c404"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("contactId: the contact was not found");
    }

    @Test
    void createsAContact() {
        STUB.stubFor(post(urlPathEqualTo(MOUNT + "/v1/people:createContact")).willReturn(json(ANN)));
        var out = output(
                "google-contacts.create_contact",
                Map.of(
                        "givenName",
                        "Ann",
                        "familyName",
                        "Lee",
                        "emails",
                        List.of("ann@example.com"),
                        "organization",
                        "Acme",
                        "notes",
                        "Met at the fair"));
        assertThat(out.get("contactId").asString()).isEqualTo("c42");
        STUB.verify(postRequestedFor(urlPathEqualTo(MOUNT + "/v1/people:createContact"))
                .withRequestBody(equalToJson("{\"names\":[{\"givenName\":\"Ann\",\"familyName\":\"Lee\"}],"
                        + "\"emailAddresses\":[{\"value\":\"ann@example.com\"}],\"organizations\":[{\"name\":\"Acme\"}],"
                        + "\"biographies\":[{\"value\":\"Met at the fair\",\"contentType\":\"TEXT_PLAIN\"}]}")));

        var empty = run("google-contacts.create_contact", Map.of("title", "CFO"));
        assertThat(empty.status()).isIn(400, 422);
        assertThat(empty.toString()).contains("givenName");
    }

    @Test
    void updatesWithTheCurrentEtagAndOnlyTheFieldsGiven() {
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people/c42")).willReturn(json(ANN)));
        STUB.stubFor(patch(urlPathEqualTo(MOUNT + "/v1/people/c42:updateContact"))
                .willReturn(json(ANN.replace("+44 20 7946 0000", "+44 20 7946 0999"))));
        var out = output(
                "google-contacts.update_contact", Map.of("contactId", "c42", "phones", List.of("+44 20 7946 0999")));
        assertThat(out.get("phones").get(0).asString()).isEqualTo("+44 20 7946 0999");
        STUB.verify(patchRequestedFor(urlPathEqualTo(MOUNT + "/v1/people/c42:updateContact"))
                .withQueryParam("updatePersonFields", equalTo("phoneNumbers"))
                .withRequestBody(
                        equalToJson("{\"phoneNumbers\":[{\"value\":\"+44 20 7946 0999\"}],\"etag\":\"%EgU=\"}")));

        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v1/people/c42"))
                .willReturn(error(429, "RATE_LIMIT_EXCEEDED", "Quota exceeded").withHeader("Retry-After", "7")));
        var busy = run("google-contacts.update_contact", Map.of("contactId", "c42", "givenName", "Annie"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("7");
    }
}
