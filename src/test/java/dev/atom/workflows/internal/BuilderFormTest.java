package dev.atom.workflows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.web.ApiException.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The builder's form read back into definition JSON, and its structural edits. */
class BuilderFormTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsPathsAndTypesIntoTheDefinitionItNames() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", "token");
        form.put("_id", "");
        form.put("op", "save");
        form.put("name", "Echo");
        form.put("trigger.type", "webhook");
        form.put("trigger.respond", "last_step");
        form.put("_list.steps", "");
        form.put("steps[0].id", "shape");
        form.put("steps[0].type", "transform");
        form.put("steps[0].output:json", "{\"msg\": \"{{ trigger.body.msg }}\"}");
        form.put("steps[1].id", "big");
        form.put("steps[1].type", "condition");
        form.put("steps[1].if", "{{ steps.shape.output.n > 10 }}");
        form.put("_list.steps[1].then", "");
        form.put("steps[1].then[0].id", "say");
        form.put("steps[1].then[0].type", "respond");
        form.put("steps[1].then[0].status:number", "201");
        form.put("steps[1].then[0].body:json", "{{ steps.shape.output }}");
        form.put("_list.steps[1].else", "");
        form.put("steps[2].id", "call");
        form.put("steps[2].type", "action");
        form.put("steps[2].input.follow:boolean", "false");
        form.put("steps[2].input.timeout:number", "{{ trigger.body.t }}");
        form.put("steps[2].input.url", "");

        BuilderForm.Read read = BuilderForm.read(form);

        assertThat(read.problems()).isEmpty();
        assertThat(read.definition()).isEqualTo(JSON.readTree("""
                        {"name": "Echo", "trigger": {"type": "webhook", "respond": "last_step"}, "steps": [
                          {"id": "shape", "type": "transform", "output": {"msg": "{{ trigger.body.msg }}"}},
                          {"id": "big", "type": "condition", "if": "{{ steps.shape.output.n > 10 }}",
                           "then": [{"id": "say", "type": "respond", "status": 201, "body": "{{ steps.shape.output }}"}],
                           "else": []},
                          {"id": "call", "type": "action", "input": {"follow": false, "timeout": "{{ trigger.body.t }}"}}]}
                        """));
    }

    @Test
    void invalidJsonIsAProblemAtItsPathAndAChangedTypeDropsTheOldTypesFields() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("steps[0].id", "a");
        form.put("steps[0].type", "respond");
        form.put("_was.steps[0]", "transform");
        form.put("steps[0].output:json", "{\"x\": 1}");
        form.put("steps[1].id", "b");
        form.put("steps[1].type", "transform");
        form.put("_was.steps[1]", "transform");
        form.put("steps[1].output:json", "{x: 1}");

        BuilderForm.Read read = BuilderForm.read(form);

        assertThat(read.problems())
                .containsExactly(new FieldError("steps[1].output", "is not valid JSON (strings need double quotes)"));
        assertThat(read.unreadable()).containsExactly(Map.entry("steps[1].output", "{x: 1}"));
        assertThat(read.definition().get("steps").get(0))
                .isEqualTo(JSON.readTree("{\"id\": \"a\", \"type\": \"respond\"}"));
    }

    @Test
    void addsRemovesAndMovesStepsWithFreshIds() {
        ObjectNode d = (ObjectNode) JSON.readTree("""
                {"name": "x", "steps": [{"id": "transform1", "type": "transform"},
                  {"id": "c", "type": "condition", "then": [], "else": []}]}""");

        BuilderForm.add(d, "steps[1].then", "transform");
        BuilderForm.add(d, "steps", "respond");
        assertThat(d.get("steps").get(1).get("then").get(0).get("id").asString())
                .isEqualTo("transform2");
        assertThat(d.get("steps").get(2)).isEqualTo(JSON.readTree("""
                {"id": "respond1", "type": "respond", "status": 200, "body": {}}"""));

        BuilderForm.move(d, "steps[2]", -1);
        BuilderForm.move(d, "steps[0]", -1); // already first: stays
        assertThat(ids(d)).containsExactly("transform1", "respond1", "c");
        BuilderForm.remove(d, "steps[0]");
        BuilderForm.remove(d, "steps[9]"); // no such step: nothing happens
        assertThat(ids(d)).containsExactly("respond1", "c");
    }

    @Test
    void problemsArePlacedAtTheDeepestControlTheirPathNames() {
        BuilderView view = new BuilderView(null, "ws", Map.of());
        view.steps(JSON.readTree("""
                [{"id": "a", "type": "transform", "output": {}}, {"id": "z", "type": "mystery"}]"""), "steps");
        var placed = view.place(List.of(
                new FieldError("steps[0].output.msg", "bad expression"),
                new FieldError("steps[0].colour", "is not a known field"),
                new FieldError("steps[1].id", "is used by another step"),
                new FieldError("trigger.type", "is required"),
                new FieldError("definition", "must be an object")));
        assertThat(placed)
                .containsEntry("steps[0].output", List.of("bad expression"))
                .containsEntry("steps[0]", List.of("is not a known field"))
                .containsEntry("steps[1].id", List.of("is used by another step"))
                .containsEntry("trigger", List.of("is required"))
                .containsEntry("name", List.of("must be an object"));
    }

    @Test
    void aStepOfAnUnknownTypeIsEditedAsJsonAndShownBackAsTypedWhenItIsNotJson() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("steps[0]:json", "{\"id\": \"m\", \"type\": \"mystery\"");
        BuilderForm.Read read = BuilderForm.read(form);
        assertThat(read.problems()).extracting(FieldError::field).containsExactly("steps[0]");

        var steps = new BuilderView(null, "ws", read.unreadable())
                .steps(read.definition().get("steps"), "steps");
        assertThat(steps.getFirst().raw()).isEqualTo("{\"id\": \"m\", \"type\": \"mystery\"");
        var valid = new BuilderView(null, "ws", Map.of())
                .steps(JSON.readTree("[{\"id\": \"m\", \"type\": \"mystery\", \"x\": 1}]"), "steps");
        assertThat(JSON.readTree(valid.getFirst().raw()))
                .isEqualTo(JSON.readTree("{\"id\": \"m\", \"type\": \"mystery\", \"x\": 1}"));
    }

    private static List<String> ids(ObjectNode d) {
        return d.get("steps").valueStream().map(s -> s.get("id").asString()).toList();
    }
}
