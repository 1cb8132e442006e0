package dev.atom.workflows.internal;

import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Trigger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Parses the trigger kinds beyond manual and webhook: {@code schedule} (cron, time zone, catch-up) and
 * connector triggers (an id from the catalog, a connection of the workspace for that connector, optional
 * config, filter and poll interval), and the liveness expectation ({@code expect.atLeastEvery}) any trigger
 * may carry. Problems go to the {@link DefinitionParser}. Stateless.
 */
final class TriggerParsers {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(15);
    static final Duration MIN_EXPECT = Duration.ofMinutes(1);

    private TriggerParsers() {}

    static Definition.Trigger schedule(DefinitionParser p, JsonNode t) {
        p.known(t, "trigger", Set.of("type", "cron", "timezone", "catchUp", "expect"));
        expect(p, t);
        String cron = p.text(t, "cron", "trigger.cron");
        ZoneId zone = ZoneId.of("UTC");
        if (t.has("timezone")) {
            String name = t.get("timezone").asString("");
            try {
                zone = ZoneId.of(name);
            } catch (DateTimeException e) {
                p.problem(
                        "trigger.timezone",
                        "'" + name + "' is not a time zone (use an IANA name such as Europe/Berlin)");
            }
        }
        String catchUp = t.has("catchUp") ? t.get("catchUp").asString("") : "skip";
        if (!catchUp.equals("skip") && !catchUp.equals("run_once")) {
            p.problem("trigger.catchUp", "must be skip or run_once");
        }
        if (cron == null) {
            return null;
        }
        try {
            return new Definition.Trigger.Schedule(CronSlots.of(cron, zone), catchUp);
        } catch (IllegalArgumentException e) {
            p.problem("trigger.cron", e.getMessage());
            return null;
        }
    }

    /** A trigger id from the catalog, e.g. {@code github.issue_event}; null (with a problem) when unusable. */
    static Definition.Trigger connector(DefinitionParser p, JsonNode t, String type) {
        p.known(t, "trigger", Set.of("type", "connection", "config", "filter", "interval", "expect"));
        expect(p, t);
        Connectors connectors = p.connectors();
        Optional<Connector> owner = connectors.all().stream()
                .filter(c -> c.triggers().stream().anyMatch(x -> x.id().equals(type)))
                .findFirst();
        if (owner.isEmpty()) {
            p.problem(
                    "trigger.type",
                    "unknown trigger type '" + type + "' (manual, webhook, schedule or a connector"
                            + " trigger from the catalog)");
            return null;
        }
        Trigger trigger = owner.get().triggers().stream()
                .filter(x -> x.id().equals(type))
                .findFirst()
                .orElseThrow();
        String connection = p.text(t, "connection", "trigger.connection");
        if (connection != null) {
            var info = connectors.connection(p.workspaceId(), connection);
            if (info.isEmpty()) {
                p.problem("trigger.connection", "no connection '" + connection + "' in this workspace");
            } else if (!info.get().connector().equals(owner.get().id())) {
                p.problem(
                        "trigger.connection",
                        "is a " + info.get().connector() + " connection; " + type + " needs a "
                                + owner.get().id() + " connection");
            }
        }
        JsonNode config = t.get("config");
        if (config != null && !config.isObject() && !config.isNull()) {
            p.problem("trigger.config", "must be an object");
        }
        Tpl filter = null;
        if (t.has("filter")) {
            filter = p.compile(t.get("filter"), "trigger.filter");
        }
        Duration interval = DEFAULT_INTERVAL;
        if (t.has("interval")) {
            if (!(trigger instanceof PollingTrigger)) {
                p.problem("trigger.interval", "only polling triggers have an interval");
            }
            Duration d = p.duration(t, "interval", "trigger");
            if (d != null && d.compareTo(MIN_INTERVAL) < 0) {
                p.problem("trigger.interval", "must be at least PT15S");
            } else if (d != null) {
                interval = d;
            }
        }
        return new Definition.Trigger.ConnectorEvent(
                type, connection, trigger.kind(), config == null || config.isNull() ? null : config, filter, interval);
    }

    /** Checks {@code expect}: an object with {@code atLeastEvery}, an ISO-8601 duration of a minute or more. */
    static void expect(DefinitionParser p, JsonNode t) {
        JsonNode e = t.get("expect");
        if (e == null || e.isNull()) {
            return;
        }
        if (!e.isObject()) {
            p.problem("trigger.expect", "must be an object such as {\"atLeastEvery\": \"P1D\"}");
            return;
        }
        p.known(e, "trigger.expect", Set.of("atLeastEvery"));
        if (!e.has("atLeastEvery")) {
            p.problem("trigger.expect.atLeastEvery", "is required: an ISO-8601 duration such as P1D or PT6H");
            return;
        }
        Duration d = p.duration(e, "atLeastEvery", "trigger.expect");
        if (d != null && d.compareTo(MIN_EXPECT) < 0) {
            p.problem("trigger.expect.atLeastEvery", "must be at least PT1M");
        }
    }

    /** The checked liveness expectation of a definition's trigger, or null. */
    static Duration expectOf(JsonNode definition) {
        JsonNode every = definition.path("trigger").path("expect").path("atLeastEvery");
        if (!every.isString()) {
            return null;
        }
        try {
            return Duration.parse(every.asString());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
