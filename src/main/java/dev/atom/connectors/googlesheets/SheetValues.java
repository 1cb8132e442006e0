package dev.atom.connectors.googlesheets;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reading and writing cell values ({@code spreadsheets.values}). Values are read as Google shows them
 * (formatted text) and written as if typed ({@code USER_ENTERED}: numbers, dates and formulas are parsed)
 * unless {@code raw} asks for text as it is.
 */
final class SheetValues {
    static final Blame SPREADSHEET = Blame.of("spreadsheetId", "the spreadsheet");
    /**
     * Values calls: an unknown spreadsheet is 404, a range naming no sheet 400 "Unable to parse range", which
     * blames the range.
     */
    static final Blame RANGE = new Blame("spreadsheetId", "the spreadsheet", "range");

    private SheetValues() {}

    @Schema(description = "The cells to read")
    record ReadInput(
            @Schema(description = "The spreadsheet's id (the long part of its URL after /d/)")
            String spreadsheetId,

            @Schema(description = "A1 notation: Sheet1!A1:D20, Sheet1!A:C, or a sheet's name for all of it")
            String range) {}

    @Schema(description = "Cell values, row by row")
    record Values(
            @Schema(description = "The range Google read, e.g. Sheet1!A1:D20")
            String range,

            @Schema(description = "The rows, each a list of cell texts (trailing empty cells and rows left out)")
            List<List<String>> rows) {}

    @Schema(description = "Rows to add after a table's last row")
    record AppendInput(
            @Schema(description = "The spreadsheet's id") String spreadsheetId,

            @Schema(description = "The table to append to: a sheet's name or a range such as Sheet1!A:D")
            String range,

            @Schema(description = "The rows to add, each a list of cell values")
            List<List<String>> rows,

            @Schema(description = "True stores the values as text as they are; else they are parsed as if typed")
            @Nullable
            Boolean raw) {}

    @Schema(description = "Cells to overwrite")
    record UpdateInput(
            @Schema(description = "The spreadsheet's id") String spreadsheetId,

            @Schema(description = "Where the rows start or the exact range to fill, e.g. Sheet1!B2 or Sheet1!B2:C3")
            String range,

            @Schema(description = "The rows to write, each a list of cell values")
            List<List<String>> rows,

            @Schema(description = "True stores the values as text as they are; else they are parsed as if typed")
            @Nullable
            Boolean raw) {}

    @Schema(description = "What a write changed")
    record Written(
            @Schema(description = "The range written, e.g. Sheet1!A7:C8")
            String updatedRange,

            @Schema(description = "Rows written") int updatedRows,

            @Schema(description = "Cells written") int updatedCells,

            @Schema(description = "For an append: the table Google found and appended after") @Nullable
            String tableRange) {}

    static final Action<ReadInput, Values> READ_RANGE = BaseAction.read(
            "google-sheets.read_range",
            "Read a range",
            "Reads the cell values of a range of a Google spreadsheet, row by row.",
            ReadInput.class,
            Values.class,
            SheetValues::read);

    // Sheets takes no idempotency key: appending twice adds the rows twice
    static final Action<AppendInput, Written> APPEND_ROWS = BaseAction.write(
            "google-sheets.append_rows",
            "Append rows",
            "Adds rows after the last row of a table in a Google spreadsheet.",
            AppendInput.class,
            Written.class,
            Idempotency.NONE,
            SheetValues::append);

    static final Action<UpdateInput, Written> UPDATE_RANGE = BaseAction.write(
            "google-sheets.update_range",
            "Update a range",
            "Overwrites the cells of a range of a Google spreadsheet with the given rows.",
            UpdateInput.class,
            Written.class,
            Idempotency.NATURAL,
            SheetValues::update);

    static String valuesPath(String spreadsheetId, String range) {
        return "/v4/spreadsheets/" + GoogleRest.enc(GoogleRest.required(spreadsheetId, "spreadsheetId")) + "/values/"
                + GoogleRest.seg(GoogleRest.required(range, "range"));
    }

    private static Values read(ActionContext ctx, ReadInput in) {
        JsonNode v = GoogleRest.get(
                ctx, valuesPath(in.spreadsheetId(), in.range()) + GoogleRest.query("majorDimension", "ROWS"), RANGE);
        return new Values(v.path("range").asString(""), rows(v.path("values")));
    }

    private static Written append(ActionContext ctx, AppendInput in) {
        JsonNode r = GoogleRest.call(
                ctx,
                "POST",
                valuesPath(in.spreadsheetId(), in.range()) + ":append"
                        + GoogleRest.query(
                                "valueInputOption",
                                option(in.raw()),
                                "insertDataOption",
                                "INSERT_ROWS",
                                "includeValuesInResponse",
                                false),
                body(in.rows()),
                RANGE);
        return written(r.path("updates"), GoogleRest.text(r, "tableRange"));
    }

    private static Written update(ActionContext ctx, UpdateInput in) {
        JsonNode r = GoogleRest.call(
                ctx,
                "PUT",
                valuesPath(in.spreadsheetId(), in.range()) + GoogleRest.query("valueInputOption", option(in.raw())),
                body(in.rows()),
                RANGE);
        return written(r, null);
    }

    private static String option(Boolean raw) {
        return Boolean.TRUE.equals(raw) ? "RAW" : "USER_ENTERED";
    }

    private static Map<String, Object> body(List<List<String>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new ConnectorException.InvalidInput("rows", "give at least one row");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("majorDimension", "ROWS");
        body.put("values", rows);
        return body;
    }

    private static Written written(JsonNode u, String table) {
        return new Written(
                u.path("updatedRange").asString(""),
                u.path("updatedRows").asInt(0),
                u.path("updatedCells").asInt(0),
                table);
    }

    /** Google's {@code values}: rows of cells (strings, or numbers and booleans when unformatted). */
    static List<List<String>> rows(JsonNode values) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode row : values) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.isNull() ? "" : c.asString()));
            out.add(cells);
        }
        return out;
    }
}
