package dev.atom.connectors.googledocs;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.ApiDescription;
import dev.atom.testing.GoogleConnectorTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Google Docs connector against WireMock, checked against google-docs.json. */
@StubMount(property = "ATOM_GOOGLE_DOCS_BASE_URL", path = GoogleDocsConnectorTest.MOUNT)
class GoogleDocsConnectorTest extends GoogleConnectorTestBase {
    static final String MOUNT = "/google-docs";
    static final String DOC = "1mD9xTzQ3Yc_doc";
    static final String DOCS = MOUNT + "/v1/documents";

    @Override
    protected String connectorId() {
        return "google-docs";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions("google-docs.create_document", "google-docs.append_text", "google-docs.read_text");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(OpenApiContract.strict("google-docs.json", "", spec -> {}));
    }

    @Test
    void healthProbesADocumentThatCannotExist() {
        STUB.stubFor(get(urlPathEqualTo(DOCS + "/atom-health-check"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        assertThat(test().json().get("status").asString()).isEqualTo("connected");
        STUB.stubFor(get(urlPathEqualTo(DOCS + "/atom-health-check"))
                .willReturn(error(403, "insufficientPermissions", "Request had insufficient authentication scopes.")));
        assertThat(test().json().get("status").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void createsADocumentWithItsFirstText() {
        STUB.stubFor(post(urlPathEqualTo(DOCS))
                .willReturn(json("{\"documentId\":\"" + DOC + "\",\"title\":\"Minutes\",\"revisionId\":\"r1\"}")));
        STUB.stubFor(post(urlPathEqualTo(DOCS + "/" + DOC + ":batchUpdate"))
                .willReturn(json("{\"documentId\":\"" + DOC + "\",\"replies\":[{}]}")));
        JsonNode out = output("google-docs.create_document", Map.of("title", "Minutes", "text", "Agenda\n"));
        assertThat(out.get("documentId").asString()).isEqualTo(DOC);
        assertThat(out.get("link").asString()).isEqualTo("https://docs.google.com/document/d/" + DOC + "/edit");
        STUB.verify(postRequestedFor(urlPathEqualTo(DOCS)).withRequestBody(equalToJson("{\"title\":\"Minutes\"}")));
        STUB.verify(postRequestedFor(urlPathEqualTo(DOCS + "/" + DOC + ":batchUpdate"))
                .withRequestBody(equalToJson("{\"requests\":[{\"insertText\":{\"text\":\"Agenda\\n\","
                        + "\"endOfSegmentLocation\":{\"segmentId\":\"\"}}}]}")));
    }

    @Test
    void appendsTextAndAMissingDocumentNamesTheField() {
        STUB.stubFor(post(urlPathEqualTo(DOCS + "/" + DOC + ":batchUpdate"))
                .willReturn(json("{\"documentId\":\"" + DOC + "\",\"replies\":[{}]}")));
        JsonNode out = output("google-docs.append_text", Map.of("documentId", DOC, "text", "Decided: ship it.\n"));
        assertThat(out.get("characters").asInt()).isEqualTo(18);

        STUB.stubFor(post(urlPathEqualTo(DOCS + "/nope:batchUpdate"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        var missing = run("google-docs.append_text", Map.of("documentId", "nope", "text", "x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("documentId: the document was not found");

        STUB.stubFor(post(urlPathEqualTo(DOCS + "/bad:batchUpdate"))
                .willReturn(error(400, "badRequest", "Invalid requests[0].insertText: Index 1 must be less than 1")));
        var bad = run("google-docs.append_text", Map.of("documentId", "bad", "text", "x"));
        assertThat(bad.status()).isIn(400, 422);
        assertThat(bad.toString()).contains("documentId").contains("Index 1");
    }

    @Test
    void readsTheTextOfParagraphsAndTables() {
        STUB.stubFor(get(urlPathEqualTo(DOCS + "/" + DOC))
                .willReturn(json("{\"documentId\":\"" + DOC + "\",\"title\":\"Minutes\",\"revisionId\":\"r7\","
                        + "\"body\":{\"content\":[{\"sectionBreak\":{}},"
                        + "{\"paragraph\":{\"elements\":[{\"textRun\":{\"content\":\"Agenda \"}},"
                        + "{\"textRun\":{\"content\":\"today\\n\"}}]}},"
                        + "{\"table\":{\"tableRows\":[{\"tableCells\":[{\"content\":[{\"paragraph\":{\"elements\":"
                        + "[{\"textRun\":{\"content\":\"Owner\\n\"}}]}}]},{\"content\":[{\"paragraph\":{\"elements\":"
                        + "[{\"textRun\":{\"content\":\"Ann\\n\"}}]}}]}]}]}}]}}")));
        JsonNode out = output("google-docs.read_text", Map.of("documentId", DOC));
        assertThat(out.get("text").asString()).isEqualTo("Agenda today\nOwner\nAnn\n");
        assertThat(out.get("revisionId").asString()).isEqualTo("r7");
        assertThat(out.get("truncated").asBoolean()).isFalse();
        STUB.verify(getRequestedFor(urlPathEqualTo(DOCS + "/" + DOC))
                .withQueryParam("fields", equalTo("documentId,title,revisionId,body(content)")));

        STUB.stubFor(get(urlPathEqualTo(DOCS + "/" + DOC))
                .willReturn(error(503, "backendError", "The service is currently unavailable.")));
        assertThat(run("google-docs.read_text", Map.of("documentId", DOC)).status())
                .isEqualTo(502);
    }
}
