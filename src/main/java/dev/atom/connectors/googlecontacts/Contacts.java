package dev.atom.connectors.googlecontacts;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.GoogleRest.Blame;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reading contacts: search by name, e-mail or phone; the whole address book page by page; one contact. */
final class Contacts {
    static final String CONNECTIONS = "/v1/people/me/connections";
    static final String FIELDS = "names,emailAddresses,phoneNumbers,organizations,biographies,metadata";
    static final Blame CONTACT = Blame.of("contactId", "the contact");

    private Contacts() {}

    @Schema(description = "What to look for")
    record SearchInput(
            @Schema(description = "A name, e-mail address or phone number, or its beginning", minLength = 1)
            String query,

            @Schema(description = "At most this many (1-30, default 10)", minimum = 1, maximum = 30) @Nullable
            Integer limit) {}

    @Schema(description = "Which page of the address book")
    record ListInput(
            @Schema(description = "Contacts per page (1-1000, default 100)", minimum = 1, maximum = 1000) @Nullable
            Integer pageSize,

            @Schema(description = "The next page's token, from a previous answer") @Nullable
            String pageToken) {}

    @Schema(description = "One contact")
    record ContactRef(
            @Schema(description = "The contact's id (c123...) or resource name (people/c123...)")
            String contactId) {}

    @Schema(description = "A contact")
    record Contact(
            @Schema(description = "Its id, for get and update")
            String contactId,

            @Schema(description = "The name as Google shows it") @Nullable
            String name,

            @Schema(description = "Given name") @Nullable String givenName,

            @Schema(description = "Family name") @Nullable String familyName,

            @Schema(description = "E-mail addresses, the primary first")
            List<String> emails,

            @Schema(description = "Phone numbers, the primary first")
            List<String> phones,

            @Schema(description = "Organization") @Nullable String organization,

            @Schema(description = "Job title") @Nullable String title,

            @Schema(description = "Notes") @Nullable String notes) {

        static Contact of(JsonNode p) {
            JsonNode name = first(p.path("names"));
            JsonNode org = first(p.path("organizations"));
            return new Contact(
                    p.path("resourceName").asString("").replaceFirst("^people/", ""),
                    GoogleRest.text(name, "displayName"),
                    GoogleRest.text(name, "givenName"),
                    GoogleRest.text(name, "familyName"),
                    values(p.path("emailAddresses")),
                    values(p.path("phoneNumbers")),
                    GoogleRest.text(org, "name"),
                    GoogleRest.text(org, "title"),
                    GoogleRest.text(first(p.path("biographies")), "value"));
        }
    }

    @Schema(description = "Contacts")
    record ContactsPage(
            @Schema(description = "The contacts") List<Contact> contacts,

            @Schema(description = "The next page's token, when there are more") @Nullable
            String nextPageToken) {}

    static final Action<SearchInput, ContactsPage> SEARCH_CONTACTS = BaseAction.read(
            "google-contacts.search_contacts",
            "Search contacts",
            "Finds Google contacts by name, e-mail address or phone number.",
            SearchInput.class,
            ContactsPage.class,
            Contacts::search);

    static final Action<ListInput, ContactsPage> LIST_CONTACTS = BaseAction.read(
            "google-contacts.list_contacts",
            "List contacts",
            "Lists the person's Google contacts, most recently changed first.",
            ListInput.class,
            ContactsPage.class,
            Contacts::list);

    static final Action<ContactRef, Contact> GET_CONTACT = BaseAction.read(
            "google-contacts.get_contact",
            "Get a contact",
            "Reads one Google contact.",
            ContactRef.class,
            Contact.class,
            (ctx, in) -> Contact.of(get(ctx, in.contactId())));

    /** {@code people/<id>} for an id given either way. */
    static String path(String contactId) {
        String id = GoogleRest.required(contactId, "contactId").replaceFirst("^people/", "");
        return "/v1/people/" + GoogleRest.seg(id);
    }

    static JsonNode get(ActionContext ctx, String contactId) {
        return GoogleRest.get(ctx, path(contactId) + GoogleRest.query("personFields", FIELDS), CONTACT);
    }

    private static ContactsPage search(ActionContext ctx, SearchInput in) {
        JsonNode r = GoogleRest.get(
                ctx,
                "/v1/people:searchContacts"
                        + GoogleRest.query(
                                "query",
                                GoogleRest.required(in.query(), "query"),
                                "pageSize",
                                in.limit() == null ? 10 : Math.clamp(in.limit(), 1, 30),
                                "readMask",
                                FIELDS),
                Blame.of("query", "the query"));
        List<Contact> out = new ArrayList<>();
        r.path("results").forEach(x -> out.add(Contact.of(x.path("person"))));
        return new ContactsPage(out, null);
    }

    private static ContactsPage list(ActionContext ctx, ListInput in) {
        JsonNode r = GoogleRest.get(
                ctx,
                CONNECTIONS
                        + GoogleRest.query(
                                "personFields",
                                FIELDS,
                                "pageSize",
                                in.pageSize() == null ? 100 : Math.clamp(in.pageSize(), 1, 1000),
                                "sortOrder",
                                "LAST_MODIFIED_DESCENDING",
                                "pageToken",
                                in.pageToken()),
                Blame.of("pageToken", "the page"));
        List<Contact> out = new ArrayList<>();
        r.path("connections").forEach(p -> out.add(Contact.of(p)));
        return new ContactsPage(out, GoogleRest.text(r, "nextPageToken"));
    }

    private static JsonNode first(JsonNode array) {
        for (JsonNode n : array) {
            if (n.path("metadata").path("primary").asBoolean(false)) {
                return n;
            }
        }
        return array.path(0);
    }

    /** The {@code value}s of a list, the primary first. */
    private static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            String v = GoogleRest.text(n, "value");
            if (v != null) {
                if (n.path("metadata").path("primary").asBoolean(false)) {
                    out.addFirst(v);
                } else {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
