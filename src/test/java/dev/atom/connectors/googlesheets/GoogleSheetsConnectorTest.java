package dev.atom.connectors.googlesheets;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.TriggerEvent;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.GoogleConnectorTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Google Sheets connector through the running app against WireMock, checked against google-sheets.json. */
@StubMount(property = "ATOM_GOOGLE_SHEETS_BASE_URL", path = GoogleSheetsConnectorTest.MOUNT)
class GoogleSheetsConnectorTest extends GoogleConnectorTestBase {
    static final String MOUNT = "/google-sheets";
    static final String SS = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
    static final String BASE = MOUNT + "/v4/spreadsheets/" + SS;
    static final Map<String, String> WATCH = Map.of("spreadsheetId", SS, "sheet", "Form Responses 1");

    @Override
    protected String connectorId() {
        return "google-sheets";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "google-sheets.read_range",
                "google-sheets.append_rows",
                "google-sheets.update_range",
                "google-sheets.list_sheets");
    }

    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(OpenApiContract.strict("google-sheets.json", "", spec -> {}));
    }

    @Test
    void healthProbesASpreadsheetThatCannotExist() {
        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v4/spreadsheets/atom-health-check"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        assertThat(test().json().get("status").asString()).isEqualTo("connected");

        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v4/spreadsheets/atom-health-check"))
                .willReturn(error(401, "authError", "Request had invalid authentication credentials.")));
        assertThat(test().json().get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(connection().json().get("status").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void readsARangeRowByRow() {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/values/Sheet1!A1:C3"))
                .willReturn(json("{\"range\":\"Sheet1!A1:C3\",\"majorDimension\":\"ROWS\","
                        + "\"values\":[[\"Name\",\"Amount\"],[\"Ann\",\"12.50\",\"paid\"]]}")));
        JsonNode out = output("google-sheets.read_range", Map.of("spreadsheetId", SS, "range", "Sheet1!A1:C3"));
        assertThat(out.get("range").asString()).isEqualTo("Sheet1!A1:C3");
        assertThat(out.at("/rows/1/2").asString()).isEqualTo("paid");
        assertThat(out.at("/rows/0").size()).isEqualTo(2);
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/values/Sheet1!A1:C3"))
                .withQueryParam("majorDimension", equalTo("ROWS")));

        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v4/spreadsheets/gone/values/Sheet1!A1"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        var missing = run("google-sheets.read_range", Map.of("spreadsheetId", "gone", "range", "Sheet1!A1"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("spreadsheetId: the spreadsheet was not found");
    }

    @Test
    void appendsRowsAsIfTyped() {
        STUB.stubFor(post(urlPathEqualTo(BASE + "/values/Sheet1:append"))
                .willReturn(json("{\"spreadsheetId\":\"" + SS + "\",\"tableRange\":\"Sheet1!A1:C6\",\"updates\":{"
                        + "\"spreadsheetId\":\"" + SS + "\",\"updatedRange\":\"Sheet1!A7:C8\",\"updatedRows\":2,"
                        + "\"updatedColumns\":3,\"updatedCells\":6}}")));
        JsonNode out = output(
                "google-sheets.append_rows",
                Map.of(
                        "spreadsheetId",
                        SS,
                        "range",
                        "Sheet1",
                        "rows",
                        List.of(List.of("Bo", "=2*4", "open"), List.of("Cy", "3", ""))));
        assertThat(out.get("updatedRange").asString()).isEqualTo("Sheet1!A7:C8");
        assertThat(out.get("updatedRows").asInt()).isEqualTo(2);
        assertThat(out.get("tableRange").asString()).isEqualTo("Sheet1!A1:C6");
        STUB.verify(postRequestedFor(urlPathEqualTo(BASE + "/values/Sheet1:append"))
                .withQueryParam("valueInputOption", equalTo("USER_ENTERED"))
                .withQueryParam("insertDataOption", equalTo("INSERT_ROWS"))
                .withRequestBody(equalToJson(
                        "{\"majorDimension\":\"ROWS\",\"values\":[[\"Bo\",\"=2*4\",\"open\"],[\"Cy\",\"3\",\"\"]]}")));
    }

    @Test
    void updatesARangeRawAndNamesABadRange() {
        STUB.stubFor(put(urlPathEqualTo(BASE + "/values/Sheet1!B2"))
                .willReturn(json("{\"spreadsheetId\":\"" + SS + "\",\"updatedRange\":\"Sheet1!B2:C2\","
                        + "\"updatedRows\":1,\"updatedColumns\":2,\"updatedCells\":2}")));
        JsonNode out = output(
                "google-sheets.update_range",
                Map.of("spreadsheetId", SS, "range", "Sheet1!B2", "rows", List.of(List.of("=x", "7")), "raw", true));
        assertThat(out.get("updatedCells").asInt()).isEqualTo(2);
        STUB.verify(putRequestedFor(urlPathEqualTo(BASE + "/values/Sheet1!B2"))
                .withQueryParam("valueInputOption", equalTo("RAW"))
                .withRequestBody(equalToJson("{\"majorDimension\":\"ROWS\",\"values\":[[\"=x\",\"7\"]]}")));

        STUB.stubFor(put(urlPathEqualTo(BASE + "/values/Nope!A1"))
                .willReturn(error(400, "badRequest", "Unable to parse range: Nope!A1")));
        var bad = run(
                "google-sheets.update_range",
                Map.of("spreadsheetId", SS, "range", "Nope!A1", "rows", List.of(List.of("x"))));
        assertThat(bad.status()).as(bad.toString()).isIn(400, 422);
        assertThat(bad.toString()).contains("range").contains("Unable to parse range");
    }

    @Test
    void listsSheetsAndAnUnknownSpreadsheetIsNotFound() {
        STUB.stubFor(get(urlPathEqualTo(BASE))
                .willReturn(json("{\"properties\":{\"title\":\"Budget\"},\"sheets\":[{\"properties\":{\"sheetId\":0,"
                        + "\"title\":\"Sheet1\",\"index\":0,\"gridProperties\":{\"rowCount\":1000,\"columnCount\":26}}},"
                        + "{\"properties\":{\"sheetId\":77,\"title\":\"Q4\",\"index\":1,"
                        + "\"gridProperties\":{\"rowCount\":50,\"columnCount\":8}}}]}")));
        JsonNode out = output("google-sheets.list_sheets", Map.of("spreadsheetId", SS));
        assertThat(out.get("title").asString()).isEqualTo("Budget");
        assertThat(out.at("/sheets/1/sheetId").asLong()).isEqualTo(77);
        assertThat(out.at("/sheets/1/rowCount").asInt()).isEqualTo(50);

        STUB.stubFor(get(urlPathEqualTo(MOUNT + "/v4/spreadsheets/gone"))
                .willReturn(error(404, "notFound", "Requested entity was not found.")));
        var missing = run("google-sheets.list_sheets", Map.of("spreadsheetId", "gone"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("spreadsheetId: the spreadsheet was not found");
        assertThat(missing.json().get("field").asString()).isEqualTo("input.spreadsheetId");
    }

    @Test
    void rateLimitsAreRetriableWithBackOff() {
        STUB.stubFor(get(urlPathEqualTo(BASE))
                .willReturn(error(403, "rateLimitExceeded", "Quota exceeded for quota metric 'Read requests'")));
        var r = run("google-sheets.list_sheets", Map.of("spreadsheetId", SS));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isNotNull();
        STUB.stubFor(get(urlPathEqualTo(BASE))
                .willReturn(error(429, "rateLimitExceeded", "Too many").withHeader("Retry-After", "30")));
        assertThat(run("google-sheets.list_sheets", Map.of("spreadsheetId", SS)).header("Retry-After"))
                .isEqualTo("30");
    }

    private static void sheet(String values) {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/values/'Form%20Responses%201'"))
                .willReturn(json("{\"range\":\"'Form Responses 1'!A1:Z100\",\"values\":" + values + "}")));
    }

    private static void batch(String header, String rows) {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/values:batchGet"))
                .willReturn(json("{\"spreadsheetId\":\"" + SS + "\",\"valueRanges\":[{\"values\":" + header
                        + "},{\"values\":" + rows + "}]}")));
    }

    @Test
    void newRowsStartRunsOnceEachAndAChangedSheetIsRecountedFromTheOldEnd() {
        sheet("[[\"When\",\"Who\"],[\"Mon\",\"Ann\"]]");
        var first = poll("google-sheets.new_row", WATCH, null);
        assertThat(first.events()).isEmpty();

        batch("[[\"When\",\"Who\"]]", "[[\"Mon\",\"Ann\"],[\"Tue\",\"Bo\"],[],[\"Thu\",\"Cy\",\"late\"]]");
        var second = poll("google-sheets.new_row", WATCH, first.cursor());
        assertThat(second.events())
                .extracting(e -> e.payload().get("rowNumber").asInt())
                .containsExactly(3, 5);
        JsonNode cy = second.events().get(1).payload();
        assertThat(cy.at("/fields/Who").asString()).isEqualTo("Cy");
        assertThat(cy.at("/fields/C").asString()).isEqualTo("late");
        STUB.verify(getRequestedFor(urlPathEqualTo(BASE + "/values:batchGet"))
                .withQueryParam("ranges", equalTo("'Form Responses 1'!1:1"))
                .withQueryParam("ranges", equalTo("'Form Responses 1'!2:502")));

        // nothing new: the same cursor, no events
        batch("[[\"When\",\"Who\"]]", "[[\"Thu\",\"Cy\",\"late\"]]");
        var third = poll("google-sheets.new_row", WATCH, second.cursor());
        assertThat(third.events()).isEmpty();
        assertThat(third.cursor()).isEqualTo(second.cursor());

        // row 2 was deleted and a row added: the old end (row 5) now holds another row, so the sheet is recounted
        batch("[[\"When\",\"Who\"]]", "[[\"Fri\",\"Di\"]]");
        sheet("[[\"When\",\"Who\"],[\"Tue\",\"Bo\"],[],[\"Thu\",\"Cy\",\"late\"],[\"Fri\",\"Di\"],[\"Sat\",\"Ed\"]]");
        var fourth = poll("google-sheets.new_row", WATCH, third.cursor());
        assertThat(fourth.events())
                .extracting(e -> e.payload().at("/fields/Who").asString())
                .containsExactly("Ed");
        List<String> keys = fourth.events().stream().map(TriggerEvent::dedupKey).toList();
        assertThat(keys.getFirst()).startsWith(SS + "/Form Responses 1#6@");
    }

    @Test
    void aMissingSheetNamesTheSetting() {
        STUB.stubFor(get(urlPathEqualTo(BASE + "/values/'Form%20Responses%201'"))
                .willReturn(error(400, "badRequest", "Unable to parse range: 'Form Responses 1'")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> poll("google-sheets.new_row", WATCH, null))
                .isInstanceOf(dev.atom.connectors.ConnectorException.InvalidInput.class)
                .hasMessageStartingWith("sheet:");
    }
}
