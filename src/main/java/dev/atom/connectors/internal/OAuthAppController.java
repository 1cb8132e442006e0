package dev.atom.connectors.internal;

import dev.atom.connectors.Connector;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.FieldErrors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A workspace's OAuth app per connector, {@code /api/v1/connectors/{id}/oauth-app}: GET for every member (whether
 * the service is set up and from where, never the secret), PUT {@code {clientId, clientSecret, testing?}} and
 * DELETE for owners and admins. The connector id names a service, not a thing of a workspace: every call reads
 * and changes the caller's own workspace's app only.
 */
@RestController
class OAuthAppController {
    private final OAuthApps apps;
    private final OAuthFlow flow;

    OAuthAppController(OAuthApps apps, OAuthFlow flow) {
        this.apps = apps;
        this.flow = flow;
    }

    @GetMapping("/api/v1/connectors/{id}/oauth-app")
    OAuthAppJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Connector c = apps.oauthConnector(id);
        return OAuthAppJson.of(c, apps, user.workspaceId(), flow.redirectUri());
    }

    @PutMapping("/api/v1/connectors/{id}/oauth-app")
    OAuthAppJson put(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        Connector c = apps.oauthConnector(id);
        OAuthApps.requireAdmin(user); // a member learns nothing from the body's validation
        apps.register(user, c.id(), parse(body));
        return OAuthAppJson.of(c, apps, user.workspaceId(), flow.redirectUri());
    }

    @DeleteMapping("/api/v1/connectors/{id}/oauth-app")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        apps.remove(user, id);
        return ResponseEntity.noContent().build();
    }

    /** {@code {clientId, clientSecret, testing?}}, each bad field named. */
    static OAuthApps.Registration parse(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object with clientId and clientSecret")
                    .throwIfAny();
        }
        String clientId = text(body, "clientId", OAuthApps.MAX_CLIENT_ID, true, errors);
        String clientSecret = text(body, "clientSecret", OAuthApps.MAX_CLIENT_SECRET, false, errors);
        JsonNode testing = body.get("testing");
        if (testing != null && !testing.isNull() && !testing.isBoolean()) {
            errors.add("testing", "must be true or false");
        }
        errors.throwIfAny();
        return new OAuthApps.Registration(clientId, clientSecret, testing != null && testing.asBoolean(false));
    }

    private static String text(JsonNode body, String field, int max, boolean noSpaces, FieldErrors errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            errors.add(field, "is required");
            return null;
        }
        if (!v.isString()) {
            errors.add(field, "must be a string");
            return null;
        }
        String s = v.asString().strip();
        if (s.isEmpty()) {
            errors.add(field, "must not be empty");
        } else if (s.length() > max) {
            errors.add(field, "must be at most " + max + " characters");
        } else if (s.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f || noSpaces && Character.isWhitespace(ch))) {
            errors.add(
                    field,
                    noSpaces ? "must not contain spaces or control characters" : "must not contain control characters");
        }
        return s;
    }
}
