package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider speaking OpenAI's Chat Completions wire format (chat completion object; chat completion chunks with
 * tool_calls deltas by index and a final usage chunk), answering a turn's model calls in the order scripted:
 * each answer is either text or a list of tool calls.
 */
final class ScriptedModel {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WireMockServer server;
    private final String prefix;

    ScriptedModel(WireMockServer server, String prefix) {
        this.server = server;
        this.prefix = prefix;
    }

    record Call(String id, String name, String arguments) {}

    static Call call(String id, String name, String arguments) {
        return new Call(id, name, arguments);
    }

    private String path() {
        return "/" + prefix + "/v1/chat/completions";
    }

    /** Answers the n-th call with the n-th answer (a String is text, a List of Calls is tool calls). */
    ScriptedModel plain(Object... answers) {
        for (int i = 0; i < answers.length; i++) {
            server.stubFor(post(urlPathEqualTo(path()))
                    .inScenario(prefix)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willSetStateTo("step" + (i + 1))
                    .willReturn(okJson(completion(answers[i]))));
        }
        return this;
    }

    /** The same, streamed as server-sent chunks. */
    ScriptedModel streamed(Object... answers) {
        for (int i = 0; i < answers.length; i++) {
            server.stubFor(post(urlPathEqualTo(path()))
                    .inScenario(prefix)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
                    .willSetStateTo("step" + (i + 1))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "text/event-stream")
                            .withBody(chunks(answers[i]))));
        }
        return this;
    }

    /** Every call answered with the same tool call (a model that never stops). */
    ScriptedModel always(Call call) {
        server.stubFor(post(urlPathEqualTo(path())).willReturn(okJson(completion(List.of(call)))));
        return this;
    }

    /** The request bodies the model received, in order. */
    List<JsonNode> requests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(path()))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static String completion(Object answer) {
        ObjectNode body = NODES.objectNode()
                .put("id", "chatcmpl-scripted")
                .put("object", "chat.completion")
                .put("created", 1767225600)
                .put("model", "gpt-4o-mini");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (answer instanceof String text) {
            message.put("content", text);
            choice.put("finish_reason", "stop");
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (Call c : (List<Call>) answer) {
                calls.addObject()
                        .put("id", c.id())
                        .put("type", "function")
                        .putObject("function")
                        .put("name", c.name())
                        .put("arguments", c.arguments());
            }
            choice.put("finish_reason", "tool_calls");
        }
        body.putObject("usage")
                .put("prompt_tokens", 100)
                .put("completion_tokens", 20)
                .put("total_tokens", 120);
        return JSON.writeValueAsString(body);
    }

    @SuppressWarnings("unchecked")
    private static String chunks(Object answer) {
        StringBuilder sse = new StringBuilder();
        if (answer instanceof String text) {
            for (String part : text.split("(?<= )")) {
                sse.append(chunk(NODES.objectNode().put("content", part), null));
            }
            sse.append(chunk(NODES.objectNode(), "stop"));
        } else {
            List<Call> calls = (List<Call>) answer;
            for (int i = 0; i < calls.size(); i++) {
                Call c = calls.get(i);
                ObjectNode first = NODES.objectNode();
                first.putArray("tool_calls")
                        .addObject()
                        .put("index", i)
                        .put("id", c.id())
                        .put("type", "function")
                        .putObject("function")
                        .put("name", c.name())
                        .put("arguments", "");
                sse.append(chunk(first, null));
                int half = c.arguments().length() / 2;
                for (String part :
                        List.of(c.arguments().substring(0, half), c.arguments().substring(half))) {
                    ObjectNode more = NODES.objectNode();
                    more.putArray("tool_calls")
                            .addObject()
                            .put("index", i)
                            .putObject("function")
                            .put("arguments", part);
                    sse.append(chunk(more, null));
                }
            }
            sse.append(chunk(NODES.objectNode(), "tool_calls"));
        }
        ObjectNode usage = NODES.objectNode()
                .put("id", "chatcmpl-scripted")
                .put("object", "chat.completion.chunk")
                .put("created", 1767225600)
                .put("model", "gpt-4o-mini");
        usage.putArray("choices");
        usage.putObject("usage")
                .put("prompt_tokens", 100)
                .put("completion_tokens", 20)
                .put("total_tokens", 120);
        sse.append("data: ").append(JSON.writeValueAsString(usage)).append("\n\n");
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    private static String chunk(ObjectNode delta, String finish) {
        ObjectNode body = NODES.objectNode()
                .put("id", "chatcmpl-scripted")
                .put("object", "chat.completion.chunk")
                .put("created", 1767225600)
                .put("model", "gpt-4o-mini");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return "data: " + JSON.writeValueAsString(body) + "\n\n";
    }
}
