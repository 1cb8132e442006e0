package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One connector in the catalog: its preferred auth ({@code auth}, as before several ways existed), every way
 * to connect ({@code auths}, preferred first), actions and triggers with their JSON Schemas, and the visibility
 * a new connection gets unless asked otherwise ({@code private} for services that read a person's own data).
 */
record CatalogJson(
        String id,
        String name,
        String icon,
        List<String> categories,
        Auth auth,
        List<Auth> auths,
        List<ActionJson> actions,
        List<TriggerJson> triggers,
        String defaultVisibility) {

    record Auth(String kind, String label, List<AuthSpec.CredentialField> fields, List<String> scopes, Boolean pkce) {

        static Auth of(AuthSpec auth) {
            return auth instanceof AuthSpec.OAuth2 o
                    ? new Auth(o.kind(), o.label(), List.of(), o.scopes(), o.pkce())
                    : new Auth(auth.kind(), auth.label(), auth.fields(), null, null);
        }
    }

    /** {@code aliases}: the action's former ids, which still resolve to it. */
    record ActionJson(
            String id,
            List<String> aliases,
            String name,
            String description,
            boolean writes,
            String idempotency,
            JsonNode inputSchema,
            JsonNode outputSchema) {}

    record TriggerJson(
            String id, String name, String description, String kind, JsonNode eventSchema, JsonNode settingsSchema) {}

    static CatalogJson of(Connector c, ConnectorRegistry registry) {
        return new CatalogJson(
                c.id(),
                c.name(),
                c.icon(),
                c.categories(),
                Auth.of(c.auth()),
                c.auths().stream().map(Auth::of).toList(),
                registry.actionsOf(c.id()).stream()
                        .map(i -> new ActionJson(
                                i.action().id(),
                                i.action().aliases(),
                                i.action().name(),
                                i.action().description(),
                                i.action().writes(),
                                i.action().idempotency().wire(),
                                i.inputSchema(),
                                i.outputSchema()))
                        .toList(),
                registry.triggersOf(c.id()).stream()
                        .map(t -> new TriggerJson(
                                t.trigger().id(),
                                t.trigger().name(),
                                t.trigger().description(),
                                t.trigger().kind(),
                                t.eventSchema(),
                                t.settingsSchema()))
                        .toList(),
                ConnectionService.defaultVisibility(c));
    }

    boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(java.util.Locale.ROOT);
        return id.contains(q)
                || name.toLowerCase(java.util.Locale.ROOT).contains(q)
                || categories.stream().anyMatch(cat -> cat.contains(q))
                || actions.stream()
                        .anyMatch(
                                x -> x.name().toLowerCase(java.util.Locale.ROOT).contains(q)
                                        || x.id().contains(q)
                                        || x.aliases().stream().anyMatch(a -> a.contains(q)));
    }
}
