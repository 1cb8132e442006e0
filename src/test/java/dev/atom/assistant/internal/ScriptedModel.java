package dev.atom.assistant.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider speaking OpenAI's Chat Completions wire format (chat completion object; chat completion chunks with
 * tool_calls deltas by index and a final usage chunk), answering a turn's model calls in the order scripted:
 * each answer is either text or a list of tool calls. The servers speaking the same protocol differ in a
 * {@link Dialect}: where they listen, how they take the key, how they stream tool calls and report usage.
 */
class ScriptedModel extends ScriptedWire {
    private final Dialect dialect;

    /**
     * One server's variant of the protocol.
     *
     * @param provider the gateway provider id whose key points at it
     * @param model the model a turn names
     * @param path the chat completions path after the WireMock prefix
     * @param matching what a request must carry besides (auth header, query)
     * @param wholeToolCalls whether streamed tool calls come whole, all in one chunk (Ollama), instead of each
     *     call's name then its arguments in pieces (OpenAI)
     * @param usage extra usage fields the server reports (e.g. DeepSeek's cache hits)
     */
    record Dialect(
            String provider,
            String model,
            String path,
            UnaryOperator<MappingBuilder> matching,
            boolean wholeToolCalls,
            ObjectNode usage) {

        /** OpenAI itself, as an {@code openai} key with the base URL {@code /<prefix>/v1}. */
        static Dialect openAi() {
            return new Dialect(
                    "openai", "openai/gpt-5.6-luna", "/v1/chat/completions", m -> m, false, NODES.objectNode());
        }
    }

    ScriptedModel(WireMockServer server, String prefix) {
        this(server, prefix, Dialect.openAi());
    }

    ScriptedModel(WireMockServer server, String prefix, Dialect dialect) {
        super(server, prefix);
        this.dialect = dialect;
    }

    record Call(String id, String name, String arguments) {}

    static Call call(String id, String name, String arguments) {
        return new Call(id, name, arguments);
    }

    @Override
    String provider() {
        return dialect.provider();
    }

    @Override
    String model() {
        return dialect.model();
    }

    @Override
    String path(boolean stream) {
        return "/" + prefix + dialect.path();
    }

    @Override
    MappingBuilder matching(MappingBuilder request) {
        return dialect.matching().apply(request);
    }

    /** Answers the n-th call with the n-th answer (a String is text, a List of Calls is tool calls). */
    @Override
    ScriptedModel plain(Object... answers) {
        super.plain(answers);
        return this;
    }

    /** The same, streamed as server-sent chunks. */
    @Override
    ScriptedModel streamed(Object... answers) {
        super.streamed(answers);
        return this;
    }

    /** Every call answered with the same tool call (a model that never stops). */
    ScriptedModel always(Call call) {
        server.stubFor(matching(post(urlPathEqualTo(path(false)))).willReturn(okJson(answer(List.of(call)))));
        return this;
    }

    /** The request bodies the model received, in order (other calls under the prefix left out). */
    @Override
    List<JsonNode> requests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(path(false)))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    String answer(Object answer) {
        ObjectNode body = head("chat.completion");
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
        body.set("usage", usage());
        return JSON.writeValueAsString(body);
    }

    @Override
    @SuppressWarnings("unchecked")
    String events(Object answer) {
        StringBuilder sse = new StringBuilder();
        if (answer instanceof String text) {
            for (String part : text.split("(?<= )")) {
                sse.append(chunk(NODES.objectNode().put("content", part), null));
            }
            sse.append(chunk(NODES.objectNode(), "stop"));
        } else {
            List<Call> calls = (List<Call>) answer;
            if (dialect.wholeToolCalls()) {
                ObjectNode all = NODES.objectNode().put("role", "assistant").put("content", "");
                ArrayNode list = all.putArray("tool_calls");
                for (int i = 0; i < calls.size(); i++) {
                    list.add(toolCall(i, calls.get(i), calls.get(i).arguments()));
                }
                sse.append(chunk(all, null));
            }
            for (int i = 0; i < calls.size() && !dialect.wholeToolCalls(); i++) {
                Call c = calls.get(i);
                ObjectNode first = NODES.objectNode();
                first.putArray("tool_calls").add(toolCall(i, c, ""));
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
        ObjectNode usage = head("chat.completion.chunk");
        usage.putArray("choices");
        usage.set("usage", usage());
        sse.append("data: ").append(JSON.writeValueAsString(usage)).append("\n\n");
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    @Override
    List<String[]> toolResults(JsonNode request) {
        return request.path("messages")
                .valueStream()
                .filter(m -> m.path("role").asString().equals("tool"))
                .map(m -> new String[] {
                    m.path("tool_call_id").asString(), m.path("content").asString()
                })
                .toList();
    }

    @Override
    List<String> toolNames(JsonNode request) {
        return request.path("tools")
                .valueStream()
                .map(t -> t.at("/function/name").asString())
                .toList();
    }

    @Override
    List<String[]> echoedCalls(JsonNode request) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            for (JsonNode c : m.path("tool_calls")) {
                out.add(new String[] {
                    c.at("/function/name").asString(),
                    c.at("/function/arguments").asString()
                });
            }
        }
        return out;
    }

    private ObjectNode usage() {
        ObjectNode usage = NODES.objectNode()
                .put("prompt_tokens", 100)
                .put("completion_tokens", 20)
                .put("total_tokens", 120);
        usage.setAll(dialect.usage());
        return usage;
    }

    private static ObjectNode toolCall(int index, Call c, String arguments) {
        ObjectNode call =
                NODES.objectNode().put("index", index).put("id", c.id()).put("type", "function");
        call.putObject("function").put("name", c.name()).put("arguments", arguments);
        return call;
    }

    private ObjectNode head(String object) {
        return NODES.objectNode()
                .put("id", "chatcmpl-scripted")
                .put("object", object)
                .put("created", 1767225600)
                .put("model", model().substring(model().indexOf('/') + 1));
    }

    private String chunk(ObjectNode delta, String finish) {
        ObjectNode body = head("chat.completion.chunk");
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
