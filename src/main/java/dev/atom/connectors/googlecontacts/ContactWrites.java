package dev.atom.connectors.googlecontacts;

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
 * Creating and updating contacts. An update names the fields it replaces ({@code updatePersonFields}) and must
 * carry the contact's current {@code etag}, so it reads the contact first; a list given (e-mails, phones)
 * replaces the old one.
 */
final class ContactWrites {
    private ContactWrites() {}

    @Schema(description = "A new contact")
    record CreateInput(
            @Schema(description = "Given name", maxLength = 200) @Nullable
            String givenName,

            @Schema(description = "Family name", maxLength = 200) @Nullable
            String familyName,

            @Schema(description = "E-mail addresses") @Nullable
            List<String> emails,

            @Schema(description = "Phone numbers") @Nullable List<String> phones,

            @Schema(description = "Organization") @Nullable String organization,

            @Schema(description = "Job title") @Nullable String title,

            @Schema(description = "Notes", maxLength = 8000) @Nullable
            String notes) {}

    @Schema(description = "Changes to a contact; fields left out stay as they are")
    record UpdateInput(
            @Schema(description = "The contact's id (c123...) or resource name")
            String contactId,

            @Schema(description = "Given name", maxLength = 200) @Nullable
            String givenName,

            @Schema(description = "Family name", maxLength = 200) @Nullable
            String familyName,

            @Schema(description = "E-mail addresses (replace the old ones)") @Nullable
            List<String> emails,

            @Schema(description = "Phone numbers (replace the old ones)") @Nullable
            List<String> phones,

            @Schema(description = "Organization") @Nullable String organization,

            @Schema(description = "Job title") @Nullable String title,

            @Schema(description = "Notes", maxLength = 8000) @Nullable
            String notes) {}

    // People takes no idempotency key: creating twice makes two contacts
    static final Action<CreateInput, Contacts.Contact> CREATE_CONTACT = BaseAction.write(
            "google-contacts.create_contact",
            "Create a contact",
            "Adds a contact to the person's Google Contacts.",
            CreateInput.class,
            Contacts.Contact.class,
            Idempotency.NONE,
            ContactWrites::create);

    static final Action<UpdateInput, Contacts.Contact> UPDATE_CONTACT = BaseAction.write(
            "google-contacts.update_contact",
            "Update a contact",
            "Changes a Google contact's name, e-mail addresses, phone numbers, organization or notes.",
            UpdateInput.class,
            Contacts.Contact.class,
            Idempotency.NATURAL,
            ContactWrites::update);

    private static Contacts.Contact create(ActionContext ctx, CreateInput in) {
        Map<String, Object> person = person(in);
        if (!person.containsKey("names") && !person.containsKey("emailAddresses")) {
            throw new ConnectorException.InvalidInput("givenName", "give a name or an e-mail address");
        }
        return Contacts.Contact.of(GoogleRest.call(
                ctx,
                "POST",
                "/v1/people:createContact" + GoogleRest.query("personFields", Contacts.FIELDS),
                person,
                Blame.of("emails", "the contact")));
    }

    private static Contacts.Contact update(ActionContext ctx, UpdateInput in) {
        CreateInput f = new CreateInput(
                in.givenName(), in.familyName(), in.emails(), in.phones(), in.organization(), in.title(), in.notes());
        Map<String, Object> person = person(f);
        if (person.isEmpty()) {
            throw new ConnectorException.InvalidInput("givenName", "give at least one field to change");
        }
        JsonNode current = Contacts.get(ctx, in.contactId());
        person.put("etag", current.path("etag").asString(""));
        List<String> mask = new ArrayList<>(person.keySet());
        mask.remove("etag");
        return Contacts.Contact.of(GoogleRest.call(
                ctx,
                "PATCH",
                Contacts.path(in.contactId()) + ":updateContact"
                        + GoogleRest.query(
                                "updatePersonFields", String.join(",", mask), "personFields", Contacts.FIELDS),
                person,
                Contacts.CONTACT));
    }

    /** The People API's Person with the fields given. */
    private static Map<String, Object> person(CreateInput f) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (f.givenName() != null || f.familyName() != null) {
            Map<String, Object> name = new LinkedHashMap<>();
            if (f.givenName() != null) {
                name.put("givenName", f.givenName());
            }
            if (f.familyName() != null) {
                name.put("familyName", f.familyName());
            }
            p.put("names", List.of(name));
        }
        if (f.emails() != null) {
            p.put(
                    "emailAddresses",
                    f.emails().stream().map(e -> Map.of("value", e)).toList());
        }
        if (f.phones() != null) {
            p.put(
                    "phoneNumbers",
                    f.phones().stream().map(e -> Map.of("value", e)).toList());
        }
        if (f.organization() != null || f.title() != null) {
            Map<String, Object> org = new LinkedHashMap<>();
            if (f.organization() != null) {
                org.put("name", f.organization());
            }
            if (f.title() != null) {
                org.put("title", f.title());
            }
            p.put("organizations", List.of(org));
        }
        if (f.notes() != null) {
            p.put("biographies", List.of(Map.of("value", f.notes(), "contentType", "TEXT_PLAIN")));
        }
        return p;
    }
}
