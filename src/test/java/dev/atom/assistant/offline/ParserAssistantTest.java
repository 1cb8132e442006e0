package dev.atom.assistant.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.assistant.OfflineAssistant;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers the end-to-end test cannot reach with Atom's own tools today: a write the turn holds for approval
 * (the seam's documented {@code waiting_for_approval} output), a tool's failure, and an exact title winning over
 * longer ones. The callback records the inputs, so they are checked too. The rest is OfflineAssistantTest's.
 */
class ParserAssistantTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final ParserAssistant assistant =
            new ParserAssistant(Clock.fixed(Instant.parse("2026-03-26T09:30:00Z"), BERLIN));
    private final ToolContext context = new ToolContext("w", "u", BERLIN, "chat", "c");
    private final List<String> calls = new ArrayList<>();

    private OfflineAssistant.Tools answering(String... outputs) {
        return (tool, input) -> {
            calls.add(tool + " " + input);
            String out = outputs[calls.size() - 1];
            return out.startsWith("!")
                    ? new ToolResult.Failed(out.substring(1), "title")
                    : new ToolResult.Done(JSON.readTree(out), "", null);
        };
    }

    @Test
    void aWriteHeldForApprovalIsSaidToWait() {
        String answer = assistant
                .answer(
                        context,
                        "block 2 hours for deep work tomorrow at 9",
                        answering("{\"status\":\"waiting_for_approval\",\"actionId\":\"a1\","
                                + "\"preview\":\"creates an event “deep work”\"}"))
                .orElseThrow();
        assertThat(answer).contains("needs your approval", "creates an event “deep work”");
        assertThat(calls)
                .containsExactly("calendar_create_event"
                        + " {\"title\":\"deep work\",\"start\":\"2026-03-27T09:00\",\"end\":\"2026-03-27T11:00\"}");
    }

    @Test
    void aFailedToolIsNamedWithItsReason() {
        String answer = assistant
                .answer(context, "todo: buy milk", answering("!title is too long"))
                .orElseThrow();
        assertThat(answer).isEqualTo("I could not create the task “buy milk”: title is too long");
    }

    @Test
    void anExactTitleWinsOverLongerOnes() {
        String tasks = "{\"tasks\":[{\"id\":\"1\",\"title\":\"Call Dana about the budget\"},"
                + "{\"id\":\"2\",\"title\":\"call dana\"}]}";
        String answer = assistant
                .answer(
                        context,
                        "complete call Dana",
                        answering(tasks, "{\"id\":\"2\",\"title\":\"call dana\",\"status\":\"done\"}"))
                .orElseThrow();
        assertThat(answer).isEqualTo("Done: completed task “call dana”.");
        assertThat(calls.get(1)).isEqualTo("tasks_complete {\"id\":\"2\"}");
    }

    @Test
    void notUnderstoodIsEmptyAndCallsNothing() {
        assertThat(assistant.answer(context, "write me a poem", answering())).isEmpty();
        assertThat(calls).isEmpty();
    }
}
