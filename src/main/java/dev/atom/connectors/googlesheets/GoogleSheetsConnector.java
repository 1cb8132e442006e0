package dev.atom.connectors.googlesheets;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.Health;
import dev.atom.connectors.Trigger;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Google Sheets: read, append to and update ranges, list a spreadsheet's sheets, and a new-row trigger. The
 * scope is {@code spreadsheets}: reading and writing a spreadsheet the person names by id needs it
 * ({@code drive.file} only reaches files Atom created or the person picked in Google's picker).
 */
@Component
class GoogleSheetsConnector extends BaseConnector {
    static final String SCOPE = "https://www.googleapis.com/auth/spreadsheets";
    /** A spreadsheet id no spreadsheet has (ids are 44 characters): the health check's probe. */
    static final String PROBE = "atom-health-check";

    private static final List<Action<?, ?>> ACTIONS =
            List.of(SheetValues.READ_RANGE, SheetValues.APPEND_ROWS, SheetValues.UPDATE_RANGE, SheetTabs.LIST_SHEETS);
    private static final List<Trigger> TRIGGERS = List.of(new NewRowTrigger());

    GoogleSheetsConnector() {
        super(
                "google-sheets",
                "Google Sheets",
                "https://sheets.googleapis.com",
                List.of("productivity", "files"),
                GoogleRest.oauth(SCOPE));
    }

    /** A person's own spreadsheets: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    /**
     * Sheets has no "who am I" call: asking for a spreadsheet that cannot exist makes Google check the token
     * and the scope first (401/403, which need reconnecting) and then answer 404, which proves both work.
     */
    @Override
    public Health check(ActionContext context) {
        var response = GoogleRest.send(
                context, "GET", "/v4/spreadsheets/" + PROBE + GoogleRest.query("fields", "spreadsheetId"), null);
        if (response.status() != 404) {
            GoogleRest.raise(context, response, null);
        }
        return Health.ok(null);
    }
}
