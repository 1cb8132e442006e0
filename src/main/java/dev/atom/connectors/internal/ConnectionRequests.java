package dev.atom.connectors.internal;

import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.shared.web.FieldErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads and validates {@code POST /api/v1/connections} {connector, name, auth?, credentials}, naming every bad
 * field. {@code auth} picks one of the connector's ways to connect; without it, its first form-based one.
 * {@code visibility} ({@code private} or {@code shared}) overrides the connector's default. Also {@code PATCH}
 * {name?, visibility?}.
 */
final class ConnectionRequests {
    private ConnectionRequests() {}

    record Create(
            Connector connector, AuthSpec auth, String name, Map<String, String> credentials, String visibility) {}

    /** A change: null fields stay as they are. */
    record Update(String name, String visibility) {}

    static Update parseUpdate(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object").throwIfAny();
        }
        for (var entry : body.properties()) {
            if (!entry.getKey().equals("name") && !entry.getKey().equals("visibility")) {
                errors.add(entry.getKey(), "cannot be changed (name and visibility can)");
            }
        }
        String name = body.has("name") ? name(body.get("name"), errors) : null;
        String visibility = visibility(body.get("visibility"), errors);
        errors.throwIfAny();
        return new Update(name, visibility);
    }

    /** {@code private}, {@code shared}, or null when absent. */
    private static String visibility(JsonNode v, FieldErrors errors) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()
                || !(v.asString().equals(Connection.PRIVATE) || v.asString().equals(Connection.SHARED))) {
            errors.add("visibility", "must be private or shared");
            return null;
        }
        return v.asString();
    }

    private static String name(JsonNode n, FieldErrors errors) {
        if (n == null || n.isNull() || (n.isString() && n.asString().isBlank())) {
            errors.add("name", "is required");
        } else if (!n.isString()) {
            errors.add("name", "must be a string");
        } else if (n.asString().strip().length() > 100) {
            errors.add("name", "must be at most 100 characters");
        } else {
            return n.asString().strip();
        }
        return null;
    }

    static Create parse(JsonNode body, ConnectorRegistry registry) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object").throwIfAny();
        }
        Connector connector = null;
        JsonNode c = body.get("connector");
        if (c == null || c.isNull() || (c.isString() && c.asString().isBlank())) {
            errors.add("connector", "is required");
        } else if (!c.isString() || registry.connector(c.asString()).isEmpty()) {
            errors.add("connector", "is not a known connector");
        } else {
            connector = registry.connector(c.asString()).get();
        }
        AuthSpec auth = connector == null ? null : auth(connector, body.get("auth"), errors);
        String name = name(body.get("name"), errors);
        String visibility = visibility(body.get("visibility"), errors);
        Map<String, String> credentials = new LinkedHashMap<>();
        JsonNode cred = body.get("credentials");
        if (cred != null && !cred.isNull() && !cred.isObject()) {
            errors.add("credentials", "must be an object");
        } else if (auth != null) {
            credentials(auth, cred, credentials, errors);
        }
        errors.throwIfAny();
        return new Create(connector, auth, name, credentials, visibility);
    }

    /** The way to connect the request names, or the connector's first form-based one; null when refused. */
    private static AuthSpec auth(Connector connector, JsonNode kind, FieldErrors errors) {
        if (kind == null || kind.isNull()) {
            AuthSpec auth = ConnectionService.formAuth(connector).orElse(null);
            if (auth == null) {
                errors.add("connector", "connects through OAuth at the provider, not with credentials");
            }
            return auth;
        }
        if (!kind.isString()) {
            errors.add("auth", "must be a string");
            return null;
        }
        AuthSpec auth = connector.auth(kind.asString()).orElse(null);
        if (auth == null) {
            errors.add(
                    "auth",
                    "must be one of "
                            + String.join(
                                    ", ",
                                    connector.auths().stream()
                                            .map(AuthSpec::kind)
                                            .toList()));
            return null;
        }
        if (!ConnectionService.connectsWithForm(auth)) {
            errors.add("auth", "oauth2 connects through the provider's consent page, not with credentials");
            return null;
        }
        return auth;
    }

    private static void credentials(AuthSpec auth, JsonNode cred, Map<String, String> out, FieldErrors errors) {
        Map<String, AuthSpec.CredentialField> declared = new LinkedHashMap<>();
        auth.fields().forEach(f -> declared.put(f.name(), f));
        if (cred != null && !cred.isNull()) {
            for (var entry : cred.properties()) {
                if (!declared.containsKey(entry.getKey())) {
                    errors.add("credentials." + entry.getKey(), "is not a credential of this connector");
                }
            }
        }
        for (AuthSpec.CredentialField f : declared.values()) {
            JsonNode v = cred == null ? null : cred.get(f.name());
            String path = "credentials." + f.name();
            if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
                if (f.required()) {
                    errors.add(path, "is required");
                }
            } else if (!v.isString()) {
                errors.add(path, "must be a string");
            } else if (v.asString().length() > 4096) {
                errors.add(path, "must be at most 4096 characters");
            } else if (f.pattern() != null
                    && !Pattern.matches(f.pattern(), v.asString().strip())) {
                errors.add(path, "is not in the expected format");
            } else {
                out.put(f.name(), f.secret() ? v.asString() : v.asString().strip());
            }
        }
    }
}
