package dev.atom.connectors.googlesheets;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code google-sheets.new_row}: rows added at the end of a sheet (a form's responses, a log). Sheets sends no
 * notifications, so Atom polls: the cursor is the number of filled rows seen and a hash of the last one. Each poll
 * reads the header row and the rows from the last seen one on ({@code values:batchGet}, one request); when the
 * last seen row still hashes the same, the rows after it are new. When it does not (rows deleted, sorted or the
 * last one edited), the whole sheet is read once and only rows beyond the old count are new. The first poll
 * only counts. Row 1 is the header: its cells name each event's fields. An event's key is the row's number
 * and its content hash, so a row seen twice starts one run. Stateless.
 */
final class NewRowTrigger implements PollingTrigger {
    /** The most rows one poll reads after the last seen one; the rest come at the next poll. */
    static final int PAGE = 500;

    private static final String VERSION = "v1";
    /** An unknown spreadsheet is 404; a sheet name it lacks makes the range unparseable (400). */
    private static final Blame SHEET = new Blame("spreadsheetId", "the spreadsheet", "sheet");

    @Schema(description = "Which sheet to watch")
    record Settings(
            @Schema(description = "The spreadsheet's id (the long part of its URL after /d/)")
            String spreadsheetId,

            @Schema(description = "The sheet's (tab's) name, e.g. Form Responses 1")
            String sheet) {}

    @Schema(description = "A row added at the end of a sheet")
    record NewRow(
            @Schema(description = "The spreadsheet's id") String spreadsheetId,

            @Schema(description = "The sheet's name") String sheet,

            @Schema(description = "The row's number (row 1 is the header)")
            int rowNumber,

            @Schema(description = "The row's cell texts, left to right")
            List<String> values,

            @Schema(description = "The cells by their header-row names (columns without a name as A, B...)")
            Map<String, String> fields) {}

    @Override
    public String id() {
        return "google-sheets.new_row";
    }

    @Override
    public String name() {
        return "New row";
    }

    @Override
    public String description() {
        return "Starts when a row is added at the end of a Google Sheets sheet (a form response, a new entry).";
    }

    @Override
    public Class<NewRow> eventType() {
        return NewRow.class;
    }

    @Override
    public Class<? extends Record> settingsType() {
        return Settings.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        throw new ConnectorException.InvalidInput("spreadsheetId", "choose the spreadsheet and sheet to watch");
    }

    @Override
    public Poll poll(ActionContext context, JsonNode settings, String cursor) {
        String spreadsheet = GoogleRest.required(GoogleRest.text(settings, "spreadsheetId"), "spreadsheetId");
        String sheet = GoogleRest.required(GoogleRest.text(settings, "sheet"), "sheet");
        String quoted = "'" + sheet.replace("'", "''") + "'";
        Seen seen = Seen.decode(cursor);
        if (seen == null) {
            List<List<String>> all = whole(context, spreadsheet, quoted);
            return new Poll(List.of(), Seen.of(all).encode());
        }
        int from = Math.max(seen.count(), 1);
        JsonNode ranges = GoogleRest.get(
                        context,
                        "/v4/spreadsheets/" + GoogleRest.enc(spreadsheet) + "/values:batchGet"
                                + GoogleRest.query(
                                        "ranges",
                                        List.of(quoted + "!1:1", quoted + "!" + from + ":" + (from + PAGE)),
                                        "majorDimension",
                                        "ROWS"),
                        SHEET)
                .path("valueRanges");
        List<List<String>> header = SheetValues.rows(ranges.path(0).path("values"));
        List<List<String>> rows = SheetValues.rows(ranges.path(1).path("values"));
        List<String> names = header.isEmpty() ? List.of() : header.getFirst();
        if (seen.count() > 0 && (rows.isEmpty() || !hash(rows.getFirst()).equals(seen.lastHash()))) {
            // the sheet changed above the end: only what lies beyond the old end is new
            List<List<String>> all = whole(context, spreadsheet, quoted);
            int end = Math.min(all.size(), seen.count() + PAGE);
            List<TriggerEvent> events = events(spreadsheet, sheet, names, all.subList(0, end), seen.count() + 1, 1);
            return new Poll(events, Seen.of(all.subList(0, end)).encode());
        }
        // rows.get(i) is row from + i; the first is the last row seen (or row 1 of an empty sheet's first fill)
        int skip = seen.count() > 0 ? 1 : 0;
        List<TriggerEvent> events = new ArrayList<>();
        for (int i = skip; i < rows.size(); i++) {
            int number = from + i;
            if (number > 1) {
                event(spreadsheet, sheet, names, rows.get(i), number).ifPresent(events::add);
            }
        }
        Seen next = rows.size() <= skip ? seen : new Seen(from + rows.size() - 1, hash(rows.getLast()));
        return new Poll(events, next.encode());
    }

    private static List<List<String>> whole(ActionContext context, String spreadsheet, String quoted) {
        return SheetValues.rows(GoogleRest.get(
                        context,
                        SheetValues.valuesPath(spreadsheet, quoted) + GoogleRest.query("majorDimension", "ROWS"),
                        SHEET)
                .path("values"));
    }

    /** Events for {@code all}'s rows from number {@code first} on ({@code all.get(0)} is row {@code base}). */
    private static List<TriggerEvent> events(
            String spreadsheet, String sheet, List<String> names, List<List<String>> all, int first, int base) {
        List<TriggerEvent> out = new ArrayList<>();
        for (int number = Math.max(first, 2); number - base < all.size(); number++) {
            event(spreadsheet, sheet, names, all.get(number - base), number).ifPresent(out::add);
        }
        return out;
    }

    private static java.util.Optional<TriggerEvent> event(
            String spreadsheet, String sheet, List<String> names, List<String> row, int number) {
        if (row.stream().allMatch(String::isBlank)) {
            return java.util.Optional.empty(); // a blank row between filled ones is no entry
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int c = 0; c < row.size(); c++) {
            String name = c < names.size() && !names.get(c).isBlank() ? names.get(c) : column(c);
            fields.putIfAbsent(name, row.get(c));
        }
        NewRow e = new NewRow(spreadsheet, sheet, number, row, fields);
        String key = spreadsheet + "/" + sheet + "#" + number + "@" + hash(row);
        return java.util.Optional.of(new TriggerEvent(key, null, GoogleRest.JSON.valueToTree(e)));
    }

    /** A (0) ... Z (25), AA (26) ...: a column's letters. */
    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            s.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return s.toString();
    }

    static String hash(List<String> row) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String cell : row) {
                sha.update(cell.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor: filled rows seen and the last one's hash ({@code v1|count|hash}). */
    record Seen(int count, String lastHash) {
        static Seen of(List<List<String>> rows) {
            return new Seen(rows.size(), rows.isEmpty() ? "" : hash(rows.getLast()));
        }

        String encode() {
            return VERSION + "|" + count + "|" + lastHash;
        }

        static Seen decode(String cursor) {
            if (cursor == null) {
                return null;
            }
            String[] p = cursor.split("\\|", -1);
            if (p.length != 3 || !p[0].equals(VERSION) || !p[1].matches("[0-9]{1,9}")) {
                return null;
            }
            return new Seen(Integer.parseInt(p[1]), p[2]);
        }
    }
}
