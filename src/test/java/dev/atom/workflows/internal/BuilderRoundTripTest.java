package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.Connectors;
import dev.atom.shared.web.ApiException.FieldError;
import dev.atom.testing.AppTestBase;
import dev.atom.workflows.internal.BuilderView.Branch;
import dev.atom.workflows.internal.BuilderView.Field;
import dev.atom.workflows.internal.BuilderView.Lookups;
import dev.atom.workflows.internal.BuilderView.Option;
import dev.atom.workflows.internal.BuilderView.StepView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every trigger and step kind the builder has fields for survives definition -> form -> definition unchanged:
 * the form is posted the way builder-steps.html renders it (every field by name, {@code _was.} per step,
 * {@code _list.} for the lists it keeps). Uses the real connector catalog for actions and triggers.
 */
class BuilderRoundTripTest extends AppTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Lookups LOOKUPS = new Lookups(
            List.of(new Option("wf-child", "Child")),
            List.of(new Option("user-1", "Ann <ann@example.com>")),
            Instant.parse("2026-11-25T00:00:00Z"),
            Map.of());

    @Autowired
    Connectors connectors;

    @Test
    void aScheduleAndEveryFlowStepKindRoundTrip() {
        assertRoundTrip("""
                { "name": "All kinds", "description": "d",
                  "trigger": { "type": "schedule", "cron": "0 9 * * MON-FRI", "timezone": "Europe/Berlin",
                               "catchUp": "run_once", "expect": { "atLeastEvery": "P2D" } },
                  "steps": [
                    { "id": "list", "type": "transform", "items": "{{ trigger.scheduledFor }}",
                      "filter": "{{ item.n > 1 }}", "map": "{{ item.name }}", "pick": ["a", "b"] },
                    { "id": "value", "type": "transform", "output": { "n": 1 } },
                    { "id": "loop", "type": "for_each", "items": "{{ steps.list.output }}", "as": "row",
                      "concurrency": 3,
                      "steps": [ { "id": "call", "type": "action", "action": "http.request",
                                   "input": { "url": "https://example.com/{{ row }}", "neverError": true },
                                   "retry": { "max": 5, "backoff": "PT2S", "maxBackoff": "PT1M" },
                                   "timeout": "PT30S" } ] },
                    { "id": "kind", "type": "switch", "value": "{{ steps.value.output.n }}",
                      "cases": [ { "equals": "bug", "steps": [ { "id": "s1", "type": "stop" } ] },
                                 { "equals": 3, "steps": [] },
                                 { "equals": "3", "steps": [ { "id": "f1", "type": "fail", "message": "m" } ] } ],
                      "default": [ { "id": "d1", "type": "delay", "duration": "PT1M" } ] },
                    { "id": "ask", "type": "approval", "message": "Pay {{ steps.value.output.n }}?",
                      "approvers": ["admin", "user-1", "someone-else"], "timeout": "P2D",
                      "onTimeout": "approve", "onReject": "continue" },
                    { "id": "think", "type": "ai", "prompt": "Classify", "system": "Be brief.",
                      "model": "atom/cheapest",
                      "schema": { "type": "object", "properties": { "p": { "enum": ["low", "high"] } } } },
                    { "id": "child", "type": "workflow", "workflow": "wf-child", "input": { "n": 1 }, "wait": false },
                    { "id": "big", "type": "condition", "if": "{{ true }}",
                      "then": [ { "id": "r", "type": "respond", "status": 201, "body": { "ok": true } } ],
                      "else": [] } ] }
                """);
    }

    @Test
    void connectorTriggersWebhooksAndValuesTheFieldsCannotShowRoundTrip() {
        assertRoundTrip("""
                { "name": "Feed", "trigger": { "type": "testfeed.new_item", "connection": "conn-1",
                    "config": { "tag": "news" }, "filter": "{{ event.title != 'x' }}", "interval": "PT2M" },
                  "steps": [
                    { "id": "kind", "type": "switch", "value": "{{ event.title }}",
                      "cases": [ { "equals": { "odd": [1] }, "steps": [] } ] },
                    { "id": "ask", "type": "approval", "message": "ok?", "approvers": [] },
                    { "id": "t", "type": "transform", "output": 1, "pick": [] },
                    { "id": "odd", "type": "transform", "filter": "{{ true }}", "pick": ["a,b"] },
                    { "id": "both", "type": "transform", "output": 1, "items": "{{ [] }}" },
                    { "id": "loose", "type": "switch", "value": "x", "cases": ["x"] },
                    { "id": "ai2", "type": "ai", "prompt": { "text": "hi" }, "model": 4 },
                    { "id": "call", "type": "action", "action": "http.request", "input": { "url": "https://e.com" },
                      "retry": { "max": 2, "jitter": true } } ] }
                """);
        assertRoundTrip("""
                { "name": "Hook", "trigger": { "type": "webhook", "respond": "last_step",
                    "expect": { "atLeastEvery": "PT6H" } }, "steps": [] }
                """);
        assertRoundTrip("""
                { "name": "Gh", "trigger": { "type": "github.issue_event", "connection": "c",
                    "config": { "repo": "a/b" }, "expect": { "atLeastEvery": "P1D", "extra": 1 } }, "steps": [] }
                """);
    }

    @Test
    void problemsInNestedListsLandAtTheirFieldOrElseTheirStep() {
        BuilderView view = new BuilderView(connectors, "ws", Map.of(), LOOKUPS);
        view.trigger(JSON.readTree("{\"type\": \"testfeed.new_item\", \"config\": {\"tag\": \"a\"}}"));
        view.steps(JSON.readTree("""
                [ { "id": "kind", "type": "switch", "value": "x",
                    "cases": [ { "steps": [ { "id": "in", "type": "fail" } ] } ] },
                  { "id": "loop", "type": "for_each", "items": "x",
                    "steps": [ { "id": "call", "type": "action", "action": "http.request", "input": { "bad": 1 } } ] } ]
                """), "steps");
        var placed = view.place(List.of(
                new FieldError("steps[0].cases[0].equals", "is required"),
                new FieldError("steps[0].cases[0].steps[0].message", "is required"),
                new FieldError("steps[0].cases", "is required"),
                new FieldError("steps[1].steps[0].input.bad", "is not a known field"),
                new FieldError("steps[1].steps[0].retry.max", "must be a whole number"),
                new FieldError("trigger.config.tag", "bad"),
                new FieldError("trigger.connection", "is required")));
        assertThat(placed)
                .containsEntry("steps[0].cases[0].equals", List.of("is required"))
                .containsEntry("steps[0].cases[0].steps[0].message", List.of("is required"))
                .containsEntry("steps[0]", List.of("is required"))
                .containsEntry("steps[1].steps[0]", List.of("is not a known field"))
                .containsEntry("steps[1].steps[0].retry.max", List.of("must be a whole number"))
                .containsEntry("trigger.config.tag", List.of("bad"))
                .containsEntry("trigger.connection", List.of("is required"));
    }

    @Test
    void aValidCronShowsItsNextThreeSlotsInItsZone() {
        var fields = new TriggerFields(connectors, "ws", Instant.parse("2026-11-25T00:00:00Z"), null);
        assertThat(fields.nextSlots("0 9 * * MON-FRI", "Europe/Berlin"))
                .isEqualTo("Next: Wed 2026-11-25 09:00, Thu 2026-11-26 09:00, Fri 2026-11-27 09:00 (Europe/Berlin)");
        assertThat(fields.nextSlots("not a cron", "")).isNull();
        assertThat(fields.nextSlots("0 9 * * *", "Mars/Base")).isNull();
    }

    @Test
    void newStepsOfEveryKindGetTheirListsAndASwitchGetsCasesAdded() {
        ObjectNode d = (ObjectNode) JSON.readTree("{\"name\": \"x\", \"steps\": []}");
        BuilderForm.add(d, "steps", "switch");
        BuilderForm.add(d, "steps[0].cases[0].steps", "for_each");
        BuilderForm.add(d, "steps[0].cases[0].steps[0].steps", "transform");
        BuilderForm.addCase(d, "steps[0]");
        assertThat(d.get("steps").get(0)).isEqualTo(JSON.readTree("""
                { "id": "switch1", "type": "switch",
                  "cases": [ { "equals": "a", "steps": [ { "id": "for_each1", "type": "for_each",
                               "steps": [ { "id": "transform1", "type": "transform", "output": {} } ] } ] },
                             { "equals": "case2", "steps": [] } ],
                  "default": [] }"""));
        BuilderForm.add(d, "steps", "transform");
        assertThat(d.get("steps").get(1).get("id").asString())
                .as("ids in nested lists are taken")
                .isEqualTo("transform2");
        BuilderForm.remove(d, "steps[0].cases[0]");
        assertThat(d.get("steps").get(0).get("cases")).hasSize(1);
    }

    @Test
    void aTransformSwitchedToListModeDropsItsOutputAndBack() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("steps[0].id", "t");
        form.put("steps[0].type", "transform");
        form.put("_was.steps[0]", "transform");
        form.put("_mode.steps[0]", "list");
        form.put("steps[0].output:json", "{\"a\": 1}");
        form.put("steps[1].id", "u");
        form.put("steps[1].type", "transform");
        form.put("_mode.steps[1]", "value");
        form.put("steps[1].items", "{{ [1] }}");
        BuilderForm.Read read = BuilderForm.read(form);
        assertThat(read.definition().get("steps")).isEqualTo(JSON.readTree("""
                [ { "id": "t", "type": "transform" }, { "id": "u", "type": "transform" } ]"""));
        assertThat(read.modes()).containsEntry("steps[0]", "list");
        StepView shown = new BuilderView(
                        connectors, "ws", Map.of(), new Lookups(List.of(), List.of(), Instant.EPOCH, read.modes()))
                .steps(read.definition().get("steps"), "steps")
                .getFirst();
        assertThat(shown.fields()).extracting(Field::path).contains("steps[0].items", "steps[0].filter");
    }

    private void assertRoundTrip(String definition) {
        JsonNode original = JSON.readTree(definition);
        BuilderView view = new BuilderView(connectors, "ws", Map.of(), LOOKUPS);
        Map<String, String> form = new LinkedHashMap<>();
        put(
                form,
                List.of(
                        BuilderPageControllerFields.root(original, "name"),
                        BuilderPageControllerFields.root(original, "description")));
        form.put("_was.trigger", original.path("trigger").path("type").asString(""));
        put(form, view.trigger(original.get("trigger")));
        put(form, view.triggerHidden(original.get("trigger")));
        form.put("_list.steps", "");
        steps(form, view.steps(original.get("steps"), "steps"));

        BuilderForm.Read read = BuilderForm.read(form);

        assertThat(read.problems()).isEmpty();
        assertThat(read.definition()).as(form.toString()).isEqualTo(original);
    }

    private static void steps(Map<String, String> form, List<StepView> steps) {
        for (StepView s : steps) {
            form.put("_was." + s.path(), s.type());
            if (s.raw() != null) {
                form.put(s.path() + ":json", s.raw());
                continue;
            }
            put(form, List.of(s.typeField()));
            put(form, s.fields());
            put(form, s.hidden());
            for (Branch b : s.branches()) {
                put(form, b.fields());
                if (b.keep()) {
                    form.put("_list." + b.path(), "");
                }
                steps(form, b.steps());
            }
        }
    }

    private static void put(Map<String, String> form, List<Field> fields) {
        fields.forEach(f -> form.put(f.name(), f.value()));
    }

    /** The root fields as the controller makes them. */
    private static final class BuilderPageControllerFields {
        static Field root(JsonNode d, String key) {
            return BuilderView.field(key, "", key, "text", BuilderView.scalar(d.get(key)), null, false, null);
        }
    }
}
