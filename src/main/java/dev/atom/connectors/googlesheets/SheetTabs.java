package dev.atom.connectors.googlesheets;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The sheets (tabs) of a spreadsheet. */
final class SheetTabs {
    private SheetTabs() {}

    @Schema(description = "Which spreadsheet")
    record Input(
            @Schema(description = "The spreadsheet's id (the long part of its URL after /d/)")
            String spreadsheetId) {}

    @Schema(description = "One sheet (tab) of a spreadsheet")
    record Sheet(
            @Schema(description = "The sheet's numeric id (gid in its URL)")
            long sheetId,

            @Schema(description = "Its name, as ranges use it")
            String title,

            @Schema(description = "Its position, from 0") int index,

            @Schema(description = "Rows in its grid (filled or not)")
            int rowCount,

            @Schema(description = "Columns in its grid") int columnCount) {}

    @Schema(description = "A spreadsheet's title and sheets")
    record Sheets(
            @Schema(description = "The spreadsheet's title") String title,

            @Schema(description = "Its sheets, in order") List<Sheet> sheets) {}

    static final Action<Input, Sheets> LIST_SHEETS = BaseAction.read(
            "google-sheets.list_sheets",
            "List sheets",
            "Lists the sheets (tabs) of a Google spreadsheet with their sizes.",
            Input.class,
            Sheets.class,
            SheetTabs::list);

    static Sheets list(ActionContext ctx, Input in) {
        String id = GoogleRest.required(in.spreadsheetId(), "spreadsheetId");
        JsonNode s = GoogleRest.get(
                ctx,
                "/v4/spreadsheets/" + GoogleRest.enc(id)
                        + GoogleRest.query(
                                "fields", "properties.title,sheets.properties(sheetId,title,index,gridProperties)"),
                SheetValues.SPREADSHEET);
        List<Sheet> out = new ArrayList<>();
        for (JsonNode sheet : s.path("sheets")) {
            JsonNode p = sheet.path("properties");
            out.add(new Sheet(
                    p.path("sheetId").asLong(0),
                    p.path("title").asString(""),
                    p.path("index").asInt(0),
                    p.path("gridProperties").path("rowCount").asInt(0),
                    p.path("gridProperties").path("columnCount").asInt(0)));
        }
        return new Sheets(s.path("properties").path("title").asString(""), out);
    }
}
