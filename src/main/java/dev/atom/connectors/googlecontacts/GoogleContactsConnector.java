package dev.atom.connectors.googlecontacts;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.Health;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Google Contacts through the People API: search, list, get, create and update the person's contacts (useful as
 * the assistant's address book). The scope is {@code contacts}: {@code contacts.readonly} cannot create or
 * update, and directory or "other contacts" scopes are not needed.
 */
@Component
class GoogleContactsConnector extends BaseConnector {
    static final String SCOPE = "https://www.googleapis.com/auth/contacts";

    private static final List<Action<?, ?>> ACTIONS = List.of(
            Contacts.SEARCH_CONTACTS,
            Contacts.LIST_CONTACTS,
            Contacts.GET_CONTACT,
            ContactWrites.CREATE_CONTACT,
            ContactWrites.UPDATE_CONTACT);

    GoogleContactsConnector() {
        super(
                "google-contacts",
                "Google Contacts",
                "https://people.googleapis.com",
                List.of("productivity", "crm"),
                GoogleRest.oauth(SCOPE));
    }

    /** A person's own address book: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    /**
     * One contact's name: the cheapest read the contacts scope allows ({@code people/me} would need the profile
     * scopes, which Atom does not ask for).
     */
    @Override
    public Health check(ActionContext context) {
        GoogleRest.get(context, Contacts.CONNECTIONS + GoogleRest.query("pageSize", 1, "personFields", "names"), null);
        return Health.ok(null);
    }
}
