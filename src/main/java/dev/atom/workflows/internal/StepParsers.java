package dev.atom.workflows.internal;

import dev.atom.connectors.Connectors;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The step types with more to check than their fields' presence; part of {@link DefinitionParser}. */
final class StepParsers {
    private static final int MAX_ATTEMPTS = 20;
    private final DefinitionParser p;

    StepParsers(DefinitionParser parser) {
        this.p = parser;
    }

    Step action(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "action", "connection", "input", "retry", "timeout"));
        String actionId = p.text(s, "action", path + ".action");
        JsonNode rawInput = s.hasNonNull("input") ? s.get("input") : JsonNodeFactory.instance.objectNode();
        Tpl input = null;
        if (rawInput.isObject()) {
            input = p.compile(rawInput, path + ".input");
        } else {
            p.problem(path + ".input", "must be an object");
        }
        String connection = s.has("connection") ? s.get("connection").asString(null) : null;
        if (actionId != null) {
            var info = p.connectors().action(actionId);
            if (info.isEmpty()) {
                p.problem(path + ".action", "unknown action '" + actionId + "'");
            } else {
                checkConnection(info.get(), connection, path);
                if (rawInput.isObject()) {
                    p.connectors()
                            .checkInput(actionId, rawInput, Templates::isDynamic)
                            .forEach(f -> p.problem(
                                    path + ".input" + (f.field().isEmpty() ? "" : "." + f.field()), f.message()));
                }
            }
        }
        return new Step.Action(id, actionId, connection, input, retry(s.get("retry"), path), timeout(s, path));
    }

    private void checkConnection(Connectors.ActionInfo info, String connection, String path) {
        if (connection == null) {
            if (DefinitionParser.needsConnection(info.connector().auth())) {
                p.problem(
                        path + ".connection",
                        "is required: the id of a " + info.connector().name() + " connection");
            }
            return;
        }
        var found = p.connectors().connection(p.workspaceId(), connection);
        if (found.isEmpty()) {
            p.problem(path + ".connection", "no connection '" + connection + "' in this workspace");
        } else if (!found.get().connector().equals(info.connector().id())) {
            p.problem(
                    path + ".connection",
                    "'" + connection + "' is a " + found.get().connector() + " connection, not "
                            + info.connector().id());
        }
    }

    private Step.RetryPolicy retry(JsonNode r, String path) {
        if (r == null || r.isNull()) {
            return Step.RetryPolicy.DEFAULT;
        }
        if (!r.isObject()) {
            p.problem(path + ".retry", "must be an object with max and backoff");
            return Step.RetryPolicy.DEFAULT;
        }
        p.known(r, path + ".retry", Set.of("max", "backoff", "maxBackoff"));
        int max = Step.RetryPolicy.DEFAULT.maxAttempts();
        if (r.has("max")) {
            if (!r.get("max").isIntegralNumber()
                    || r.get("max").asInt() < 1
                    || r.get("max").asInt() > MAX_ATTEMPTS) {
                p.problem(path + ".retry.max", "must be a whole number from 1 to " + MAX_ATTEMPTS);
            } else {
                max = r.get("max").asInt();
            }
        }
        Duration backoff = p.duration(r, "backoff", path + ".retry");
        Duration maxBackoff = p.duration(r, "maxBackoff", path + ".retry");
        return new Step.RetryPolicy(
                max,
                backoff == null ? Step.RetryPolicy.DEFAULT.initialBackoff() : backoff,
                maxBackoff == null ? Step.RetryPolicy.DEFAULT.maxBackoff() : maxBackoff);
    }

    private Duration timeout(JsonNode s, String path) {
        Duration t = p.duration(s, "timeout", path);
        if (t != null && (t.isNegative() || t.isZero() || t.compareTo(Duration.ofHours(1)) > 0)) {
            p.problem(path + ".timeout", "must be more than zero and at most PT1H");
        }
        return t;
    }

    Step delay(JsonNode s, String path, String id) {
        p.known(s, path, Set.of("id", "type", "duration", "until"));
        Tpl duration = p.template(s, "duration", path, false);
        Tpl until = p.template(s, "until", path, false);
        if (s.has("duration") == s.has("until")) {
            p.problem(path, "give exactly one of duration (PT10M) or until (an ISO-8601 instant)");
        } else if (duration != null && !Templates.isDynamic(duration.raw())) {
            p.duration(s, "duration", path);
        }
        return new Step.Delay(id, duration, until);
    }
}
