package dev.atom.workflows.internal;

import dev.atom.connectors.Connector;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.JsonSchemas;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Trigger;
import dev.atom.workflows.internal.BuilderView.Field;
import dev.atom.workflows.internal.BuilderView.Option;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The trigger's builder fields: its type (manual, webhook, schedule or any connector trigger of the catalog)
 * and that kind's settings: a webhook's answer; a schedule's cron (with its next slots), time zone and
 * catch-up; a connector trigger's connection (of that connector), settings (from the trigger's settings schema,
 * else JSON), filter and poll interval; and the watchdog's {@code expect.atLeastEvery} on every kind. Keys it
 * does not show are carried through as hidden JSON by the caller. Built per request; not thread-safe.
 */
final class TriggerFields {
    static final List<Option> ZONES = ZoneId.getAvailableZoneIds().stream()
            .sorted()
            .map(z -> new Option(z, z))
            .toList();
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");
    private final Connectors connectors;
    private final String workspaceId;
    private final Instant now;

    /** The fields and the trigger keys they stand for. */
    record Shown(List<Field> shown, Set<String> keys) {}

    private final String viewer;

    /** {@code viewer} (may be null: every connection) limits the picker to the connections they may use. */
    TriggerFields(Connectors connectors, String workspaceId, Instant now, String viewer) {
        this.viewer = viewer;
        this.connectors = connectors;
        this.workspaceId = workspaceId;
        this.now = now;
    }

    Shown fields(JsonNode t) {
        String type = t == null ? "manual" : t.path("type").asString("");
        JsonNode trigger = t == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : t;
        List<Field> fields = new ArrayList<>();
        Set<String> keys = new HashSet<>(Set.of("type"));
        fields.add(BuilderView.field("trigger.type", "", "Type", "select", type, types(type), true, null));
        switch (type) {
            case "manual" -> {}
            case "webhook" -> {
                keys.add("respond");
                fields.add(BuilderView.field(
                        "trigger.respond",
                        "",
                        "Answer the call",
                        "select",
                        trigger.path("respond").asString("immediately"),
                        List.of(
                                new Option("immediately", "immediately (202 with the run id)"),
                                new Option("last_step", "with the run's respond step (last_step)")),
                        false,
                        null));
            }
            case "schedule" -> schedule(trigger, fields, keys);
            default -> owner(type).ifPresent(owner -> connector(trigger, owner, fields, keys));
        }
        JsonNode expect = trigger.get("expect");
        if (expect == null
                || (expect.isObject()
                        && expect.size() == 1
                        && expect.path("atLeastEvery").isString())) {
            keys.add("expect");
            fields.add(BuilderView.field(
                    "trigger.expect.atLeastEvery",
                    "",
                    "Alert me when no run starts for (optional, such as P1D or PT6H)",
                    "text",
                    expect == null ? "" : expect.get("atLeastEvery").asString(),
                    null,
                    false,
                    "The watchdog opens an alert when this workflow starts no run for that long"));
        }
        return new Shown(fields, keys);
    }

    private List<Option> types(String type) {
        List<Option> types = new ArrayList<>(List.of(
                new Option("manual", "Manual (Run now, API)"),
                new Option("webhook", "Webhook (a POST to its URL)"),
                new Option("schedule", "Schedule (cron)")));
        if (connectors != null) {
            for (Connector c : connectors.all()) {
                for (Trigger x : c.triggers()) {
                    types.add(new Option(x.id(), c.name() + ": " + x.name() + " (" + x.kind() + ")"));
                }
            }
        }
        if (!type.isEmpty() && types.stream().noneMatch(o -> o.value().equals(type))) {
            types.add(new Option(type, type));
        }
        return types;
    }

    private void schedule(JsonNode t, List<Field> fields, Set<String> keys) {
        keys.addAll(Set.of("cron", "timezone", "catchUp"));
        String cron = BuilderView.scalar(t.get("cron"));
        String zone = BuilderView.scalar(t.get("timezone"));
        fields.add(BuilderView.field(
                "trigger.cron",
                "",
                "Cron (minute hour day month weekday, such as 0 9 * * MON-FRI)",
                "text",
                cron,
                null,
                false,
                nextSlots(cron, zone)));
        fields.add(BuilderView.field(
                "trigger.timezone", "", "Time zone (optional, default UTC)", "text", zone, ZONES, false, null));
        String catchUp = BuilderView.scalar(t.get("catchUp"));
        List<Option> options = new ArrayList<>(List.of(
                new Option("", "— (skip)"),
                new Option("skip", "skip: wait for the next slot"),
                new Option("run_once", "run_once: one run for all missed slots")));
        if (!catchUp.isEmpty() && options.stream().noneMatch(o -> o.value().equals(catchUp))) {
            options.add(new Option(catchUp, catchUp));
        }
        fields.add(BuilderView.field(
                "trigger.catchUp", "", "Slots missed while Atom was down", "select", catchUp, options, false, null));
    }

    /** "Next: ..." for a cron that reads, in its zone; null (no help) when it does not. */
    String nextSlots(String cron, String zoneName) {
        if (cron.isBlank()) {
            return null;
        }
        try {
            ZoneId zone = zoneName.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zoneName);
            CronSlots slots = CronSlots.of(cron, zone);
            List<String> next = new ArrayList<>();
            Instant at = now;
            for (int i = 0; i < 3 && (at = slots.next(at)) != null; i++) {
                next.add(SLOT.format(at.atZone(zone)));
            }
            return next.isEmpty() ? null : "Next: " + String.join(", ", next) + " (" + zone.getId() + ")";
        } catch (IllegalArgumentException | DateTimeException e) {
            return null; // the checks say what is wrong when it is saved
        }
    }

    private Optional<Connector> owner(String type) {
        return connectors == null
                ? Optional.empty()
                : connectors.all().stream()
                        .filter(c -> c.triggers().stream().anyMatch(x -> x.id().equals(type)))
                        .findFirst();
    }

    private void connector(JsonNode t, Connector owner, List<Field> fields, Set<String> keys) {
        String type = t.path("type").asString("");
        Trigger trigger = owner.triggers().stream()
                .filter(x -> x.id().equals(type))
                .findFirst()
                .orElseThrow();
        keys.add("connection");
        String connection = BuilderView.scalar(t.get("connection"));
        List<Option> connections = new ArrayList<>(List.of(new Option("", "Choose a connection")));
        (viewer == null
                        ? connectors.connections(workspaceId)
                        : connectors.connections(new Connectors.Caller(workspaceId, viewer)))
                .stream()
                        .filter(c -> c.connector().equals(owner.id()))
                        .forEach(c -> connections.add(new Option(c.id(), c.name())));
        if (!connection.isEmpty()
                && connections.stream().noneMatch(o -> o.value().equals(connection))) {
            connections.add(new Option(connection, connection + " (not a connection of " + owner.name() + ")"));
        }
        String help = trigger.kind().equals("webhook")
                ? "The service sends its events to this workflow's webhook URL; make its signing secret with"
                        + " POST /api/v1/workflows/{id}/webhook-secret"
                : trigger.description();
        fields.add(BuilderView.field(
                "trigger.connection",
                "",
                owner.name() + " connection",
                "select",
                connection,
                connections,
                false,
                help));
        settings(t, trigger, fields, keys);
        JsonNode filter = t.get("filter");
        if (filter == null || filter.isString()) {
            keys.add("filter");
            fields.add(BuilderView.field(
                    "trigger.filter",
                    "",
                    "Only start when (optional expression over event)",
                    "text",
                    BuilderView.scalar(filter),
                    null,
                    false,
                    "Such as {{ event.action == 'opened' }}"));
        }
        if (trigger instanceof PollingTrigger || t.has("interval")) {
            keys.add("interval");
            fields.add(BuilderView.field(
                    "trigger.interval",
                    "",
                    "Poll every (optional, default PT60S, at least PT15S)",
                    "text",
                    BuilderView.scalar(t.get("interval")),
                    null,
                    false,
                    null));
        }
    }

    /** One field per setting of the trigger's settings schema, else the whole config as JSON. */
    private static void settings(JsonNode t, Trigger trigger, List<Field> fields, Set<String> keys) {
        JsonNode config = t.get("config");
        Class<? extends Record> type = trigger instanceof PollingTrigger p ? p.settingsType() : null;
        if (type == null || (config != null && !config.isObject())) {
            fields.add(BuilderView.json(t, "trigger", "config", "Settings (JSON, optional)", keys));
            return;
        }
        keys.add("config");
        JsonNode schema = JsonSchemas.of(type);
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString("")));
        Set<String> done = new HashSet<>();
        for (String key : schema.path("properties").propertyNames()) {
            done.add(key);
            fields.add(ActionFields.input(
                    "trigger.config." + key,
                    key,
                    required.contains(key),
                    schema.path("properties").get(key),
                    config == null ? null : config.get(key)));
        }
        if (config != null) {
            fields.addAll(BuilderView.hidden(
                    config, "trigger.config", done)); // not in the schema: kept, and the checks say so
        }
    }
}
