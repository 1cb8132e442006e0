package dev.atom.ai.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estimate keeps counts of texts and tool definitions it has seen: a repeated request costs the same as a
 * fresh count, and any change to the tools or the prompt gives the estimate of the changed request.
 */
class TokenEstimatorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode request(String system, String description, String property) {
        ObjectNode r = JSON.createObjectNode().put("model", "m");
        r.putArray("messages").addObject().put("role", "system").put("content", system);
        ((tools.jackson.databind.node.ArrayNode) r.get("messages"))
                .addObject()
                .put("role", "user")
                .put("content", "What is on my calendar tomorrow?");
        var tools = r.putArray("tools");
        for (String name : new String[] {"calendar_list", "tasks_create", "inbox_search"}) {
            var function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", name).put("description", description + " (" + name + ")");
            var parameters = function.putObject("parameters").put("type", "object");
            parameters.putObject("properties").putObject(property).put("type", "string");
        }
        return r;
    }

    private static final String PROMPT = "You are Atom's assistant. You act for the person on their tasks, calendar,"
            + " inbox, automations and connected apps through the tools you are given.";

    @Test
    void aRepeatedRequestIsEstimatedAsAFreshOneAndFromTheKeptCounts() {
        TokenEstimator cached = new TokenEstimator();
        int first = cached.chatPrompt(request(PROMPT, "Lists what is planned", "from"));
        assertThat(cached.counts().size())
                .as("the system prompt and three tools are kept")
                .isEqualTo(4);
        int again = cached.chatPrompt(request(PROMPT, "Lists what is planned", "from"));
        assertThat(again).isEqualTo(first);
        assertThat(cached.counts().size()).isEqualTo(4);
        assertThat(new TokenEstimator(0).chatPrompt(request(PROMPT, "Lists what is planned", "from")))
                .as("the same as counting without kept counts")
                .isEqualTo(first);
    }

    @Test
    void aChangedToolSetOrPromptGivesTheChangedRequestsEstimate() {
        TokenEstimator cached = new TokenEstimator();
        TokenEstimator fresh = new TokenEstimator(0);
        int base = cached.chatPrompt(request(PROMPT, "Lists what is planned", "from"));

        ObjectNode longerDescription = request(PROMPT, "Lists what is planned on every calendar of the person", "from");
        assertThat(cached.chatPrompt(longerDescription))
                .isEqualTo(fresh.chatPrompt(longerDescription))
                .isGreaterThan(base);
        ObjectNode otherSchema = request(PROMPT, "Lists what is planned", "from_the_start_of_the_range_inclusive");
        assertThat(cached.chatPrompt(otherSchema))
                .isEqualTo(fresh.chatPrompt(otherSchema))
                .isGreaterThan(base);
        ObjectNode oneToolLess = request(PROMPT, "Lists what is planned", "from");
        ((tools.jackson.databind.node.ArrayNode) oneToolLess.get("tools")).remove(2);
        assertThat(cached.chatPrompt(oneToolLess))
                .isEqualTo(fresh.chatPrompt(oneToolLess))
                .isLessThan(base);
        ObjectNode longerPrompt =
                request(PROMPT + " Be brief and name the items you acted on.", "Lists what is planned", "from");
        assertThat(cached.chatPrompt(longerPrompt))
                .isEqualTo(fresh.chatPrompt(longerPrompt))
                .isGreaterThan(base);
    }

    @Test
    void aToolDefinitionChangedAfterItWasCountedIsCountedAgain() {
        TokenEstimator cached = new TokenEstimator();
        ObjectNode r = request(PROMPT, "Lists what is planned", "from");
        int before = cached.chatPrompt(r);
        // the kept key is a copy: changing the request's own node must not change (or hit) the kept count
        ((ObjectNode) r.get("tools").get(0).get("function"))
                .put("description", "Lists every event and task planned in a range of days, with their times");
        int after = cached.chatPrompt(r);
        assertThat(after).isGreaterThan(before).isEqualTo(new TokenEstimator(0).chatPrompt(r));
        assertThat(cached.chatPrompt(request(PROMPT, "Lists what is planned", "from")))
                .isEqualTo(before);
    }

    @Test
    void theKeptCountsStayWithinTheirCharacterBudget() {
        TokenEstimator small = new TokenEstimator(16_000);
        for (int i = 0; i < 200; i++) {
            small.count("A message that is long enough to be kept, number " + i + " of two hundred in this test.");
        }
        assertThat(small.counts().size()).isPositive().isLessThan(200);
        String huge = "word ".repeat(1_000); // over a sixteenth of the budget: counted, never kept
        assertThat(small.count(huge)).isEqualTo(new TokenEstimator(0).count(huge));
        assertThat(small.counts().size()).isLessThan(200);
    }
}
