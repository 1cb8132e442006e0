package dev.atom.connectors.internal;

import dev.atom.connectors.Action;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors.ActionInfo;
import dev.atom.connectors.JsonSchemas;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Every {@link Connector} bean, checked once at start-up (ids lower case with dashes, action and trigger ids
 * {@code <connector>.<snake_case>}, unique, schemas derivable) with its schemas and operator settings
 * computed. A connector that breaks a rule stops the application with a message naming it. Immutable.
 */
@Component
class ConnectorRegistry {
    private static final Pattern CONNECTOR_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern VERB = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** A trigger, the schema of its events and of its settings (null when it has none). */
    record TriggerInfo(Connector connector, Trigger trigger, JsonNode eventSchema, JsonNode settingsSchema) {}

    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, ActionInfo> actions = new LinkedHashMap<>();
    /** An action's former ids ({@link Action#aliases()}) to the action. */
    private final Map<String, ActionInfo> aliases = new LinkedHashMap<>();

    private final Map<String, TriggerInfo> triggers = new LinkedHashMap<>();
    private final Map<String, ConnectorSettings> settings = new LinkedHashMap<>();

    ConnectorRegistry(List<Connector> beans, Environment env) {
        List<Connector> sorted = new ArrayList<>(beans);
        sorted.sort(Comparator.comparing(Connector::id));
        for (Connector c : sorted) {
            if (!CONNECTOR_ID.matcher(c.id()).matches()) {
                throw new IllegalStateException("connector id '" + c.id() + "' must be lower case with dashes");
            }
            if (connectors.putIfAbsent(c.id(), c) != null) {
                throw new IllegalStateException("two connectors have the id '" + c.id() + "'");
            }
            checkAuths(c);
            for (Action<?, ?> a : c.actions()) {
                checkId(c, a.id(), "action");
                ActionInfo info = new ActionInfo(c, a, JsonSchemas.of(a.inputType()), JsonSchemas.of(a.outputType()));
                if (actions.putIfAbsent(a.id(), info) != null) {
                    throw new IllegalStateException("two actions have the id '" + a.id() + "'");
                }
                for (String alias : a.aliases()) {
                    checkId(c, alias, "action alias");
                    if (aliases.putIfAbsent(alias, info) != null) {
                        throw new IllegalStateException("two actions have the alias '" + alias + "'");
                    }
                }
            }
            for (Trigger t : c.triggers()) {
                checkId(c, t.id(), "trigger");
                Class<? extends Record> settingsType =
                        t instanceof PollingTrigger p && p.settingsType() != null ? p.settingsType() : null;
                JsonNode settingsSchema = settingsType == null ? null : JsonSchemas.of(settingsType);
                if (triggers.putIfAbsent(t.id(), new TriggerInfo(c, t, JsonSchemas.of(t.eventType()), settingsSchema))
                        != null) {
                    throw new IllegalStateException("two triggers have the id '" + t.id() + "'");
                }
            }
            settings.put(c.id(), ConnectorSettings.of(c, env));
        }
        for (String alias : aliases.keySet()) {
            if (actions.containsKey(alias)) {
                throw new IllegalStateException("'" + alias + "' is both an action's id and another's alias");
            }
        }
    }

    /** The preferred way first, and at most one way of each kind (a connection names its way by kind). */
    private static void checkAuths(Connector c) {
        List<AuthSpec> auths = c.auths();
        if (auths.isEmpty() || !auths.getFirst().equals(c.auth())) {
            throw new IllegalStateException("connector '" + c.id() + "': auths() must start with auth()");
        }
        if (auths.stream().map(AuthSpec::kind).distinct().count() != auths.size()) {
            throw new IllegalStateException("connector '" + c.id() + "' offers two ways of one auth kind");
        }
    }

    private static void checkId(Connector c, String id, String what) {
        String prefix = c.id() + ".";
        if (!id.startsWith(prefix)
                || !VERB.matcher(id.substring(prefix.length())).matches()) {
            throw new IllegalStateException(
                    what + " id '" + id + "' must be '" + prefix + "<verb_noun>' in lower snake case");
        }
    }

    List<Connector> all() {
        return List.copyOf(connectors.values());
    }

    Optional<Connector> connector(String id) {
        return Optional.ofNullable(id == null ? null : connectors.get(id));
    }

    /** An action by its id or one of its former ids ({@link Action#aliases()}). */
    Optional<ActionInfo> action(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ActionInfo info = actions.get(id);
        return Optional.ofNullable(info != null ? info : aliases.get(id));
    }

    List<ActionInfo> actionsOf(String connectorId) {
        return actions.values().stream()
                .filter(a -> a.connector().id().equals(connectorId))
                .toList();
    }

    List<TriggerInfo> triggersOf(String connectorId) {
        return triggers.values().stream()
                .filter(t -> t.connector().id().equals(connectorId))
                .toList();
    }

    ConnectorSettings settings(String connectorId) {
        return settings.get(connectorId);
    }

    Map<String, ActionInfo> actions() {
        return Collections.unmodifiableMap(actions);
    }
}
