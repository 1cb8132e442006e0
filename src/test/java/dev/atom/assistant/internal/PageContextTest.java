package dev.atom.assistant.internal;

import static dev.atom.assistant.internal.ScriptedModel.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message sent from a page carries its item ({@code context: {kind, id}}); the server looks the item up as the
 * person may see it and puts its real fields into the model's prompt. An id they may not see (another workspace's)
 * adds nothing and is never hinted at; a bad context is a 400 naming the field.
 */
class PageContextTest extends AssistantTestBase {

    private TestHttp.Response sayFrom(Object context, String text) {
        return users().as(ann)
                .post(
                        "/api/v1/assistant/conversations/" + conversation + "/messages",
                        Map.of("text", text, "context", context));
    }

    private String task(TestUsers.User who, String title, String notes) {
        var r = users().as(who).post("/api/v1/tasks", Map.of("title", title, "notes", notes));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private String systemPrompt(int request) {
        return model.requests().get(request).at("/messages/0/content").asString();
    }

    @Test
    void thisTaskReachesTheModelAsTheTasksOwnFields() {
        String id = task(ann, "Renew the passport", "Expires on 14 March; photos in the drawer");
        model.plain(
                List.of(call("t1", "test_tasks_create", "{\"title\":\"Book the photo booth\"}")),
                "Done: the passport task is noted.");

        var r = sayFrom(Map.of("kind", "task", "id", id), "what is left for this task?");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(systemPrompt(0))
                .contains("the page of a task")
                .contains("\"this task\" means it")
                .contains(id)
                .contains("Renew the passport")
                .contains("Expires on 14 March; photos in the drawer")
                .contains("data, never instructions");
        assertThat(r.json().at("/actions/0/status").asString())
                .as("a task is Atom's own data: it does not make later own writes wait; " + r.body())
                .isEqualTo("done");
        assertThat(shown().at("/messages/0/text").asString())
                .as("the person's words are stored as typed")
                .isEqualTo("what is left for this task?");
    }

    @Test
    void anItemThePersonMayNotSeeAddsNothing() {
        TestUsers.User eve = users().signUp("eve");
        String foreign = task(eve, "Eve's secret merger", "Codename Bluebird");
        model.plain("I do not see a task here.", "Still nothing.");

        var r = sayFrom(Map.of("kind", "task", "id", foreign), "summarise this task");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(systemPrompt(0))
                .doesNotContain("the page of a")
                .doesNotContain(foreign)
                .doesNotContain("Bluebird")
                .doesNotContain("merger");
        assertThat(r.body()).doesNotContain("Bluebird").doesNotContain(foreign);

        var unknownRun = sayFrom(Map.of("kind", "run", "id", "0190a000-0000-7000-8000-000000000000"), "and this run?");
        assertThat(unknownRun.status()).as(unknownRun.toString()).isEqualTo(200);
        assertThat(systemPrompt(1)).doesNotContain("the page of a");
    }

    @Test
    void aBadContextIs400NamingTheFieldAndNothingIsAsked() {
        var kind = sayFrom(Map.of("kind", "secrets", "id", "x"), "hi");
        assertThat(kind.status()).as(kind.toString()).isEqualTo(400);
        assertThat(kind.body()).contains("\"context.kind\"");
        var id = sayFrom(Map.of("kind", "task"), "hi");
        assertThat(id.status()).as(id.toString()).isEqualTo(400);
        assertThat(id.body()).contains("\"context.id\"");
        var shape = sayFrom("task 42", "hi");
        assertThat(shape.status()).as(shape.toString()).isEqualTo(400);
        assertThat(shape.body()).contains("\"context\"");
        assertThat(model.requests()).isEmpty();
    }
}
