package dev.atom.connectors.googledocs;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.Health;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Google Docs: create a document, append text to one, read one's text. The scope is {@code documents}: reading
 * and appending to a document the person names by id needs it ({@code drive.file} only reaches documents Atom
 * created or the person picked in Google's picker).
 */
@Component
class GoogleDocsConnector extends BaseConnector {
    static final String SCOPE = "https://www.googleapis.com/auth/documents";
    /** A document id no document has: the health check's probe. */
    static final String PROBE = "atom-health-check";

    private static final List<Action<?, ?>> ACTIONS =
            List.of(Documents.CREATE_DOCUMENT, Documents.APPEND_TEXT, Documents.READ_TEXT);

    GoogleDocsConnector() {
        super(
                "google-docs",
                "Google Docs",
                "https://docs.googleapis.com",
                List.of("productivity", "files"),
                GoogleRest.oauth(SCOPE));
    }

    /** A person's own documents: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    /**
     * Docs has no "who am I" call: asking for a document that cannot exist makes Google check the token and the
     * scope first (401/403, which need reconnecting) and then answer 404, which proves both work.
     */
    @Override
    public Health check(ActionContext context) {
        var response = GoogleRest.send(
                context, "GET", "/v1/documents/" + PROBE + GoogleRest.query("fields", "documentId"), null);
        if (response.status() != 404) {
            GoogleRest.raise(context, response, null);
        }
        return Health.ok(null);
    }
}
