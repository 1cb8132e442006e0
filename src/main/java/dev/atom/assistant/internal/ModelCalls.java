package dev.atom.assistant.internal;

import dev.atom.ai.AiGateway;
import dev.atom.ai.ChatStreamSink;
import dev.atom.ai.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One model call of a turn through the gateway, plain or streamed (text deltas forwarded as they come, tool calls
 * assembled from their chunks by index), read into a {@link ModelAnswer}. Gateway failures propagate as
 * {@link dev.atom.ai.AiGatewayException}. A call without an id gets one, so its result can answer it. Thread-safe.
 */
@Component
class ModelCalls {
    private final AiGateway gateway;

    ModelCalls(AiGateway gateway) {
        this.gateway = gateway;
    }

    ModelAnswer ask(AiGateway.Caller caller, ObjectNode request, TurnEvents events) {
        if (!events.streaming()) {
            AiGateway.Result result = gateway.chat(caller, request);
            JsonNode message = result.body().path("choices").path(0).path("message");
            List<ModelAnswer.Call> calls = new ArrayList<>();
            for (JsonNode call : message.path("tool_calls")) {
                calls.add(call(
                        call.path("id").asString(""),
                        call.path("function").path("name").asString(""),
                        call.path("function").path("arguments").asString(""),
                        calls.size()));
            }
            String text =
                    message.path("content").isString() ? message.path("content").asString() : "";
            return new ModelAnswer(text, calls, result.model(), usage(result), result.costMicros());
        }
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> parts = new TreeMap<>(); // index -> {id, name, arguments}
        AiGateway.Result result = gateway.stream(caller, request, new ChatStreamSink() {
            @Override
            public void chunk(ObjectNode chunk) {
                JsonNode delta = chunk.path("choices").path(0).path("delta");
                JsonNode content = delta.path("content");
                if (content.isString() && !content.asString().isEmpty()) {
                    text.append(content.asString());
                    events.delta(content.asString());
                }
                for (JsonNode call : delta.path("tool_calls")) {
                    String[] p = parts.computeIfAbsent(
                            call.path("index").asInt(parts.size()), i -> new String[] {"", "", ""});
                    p[0] += call.path("id").asString("");
                    p[1] += call.path("function").path("name").asString("");
                    p[2] += call.path("function").path("arguments").asString("");
                }
            }
        });
        List<ModelAnswer.Call> calls = new ArrayList<>();
        for (String[] p : parts.values()) {
            calls.add(call(p[0], p[1], p[2], calls.size()));
        }
        return new ModelAnswer(text.toString(), calls, result.model(), usage(result), result.costMicros());
    }

    private static ModelAnswer.Call call(String id, String name, String arguments, int index) {
        return new ModelAnswer.Call(id.isEmpty() ? "call_" + dev.atom.shared.Ids.newId() : id, name, arguments);
    }

    private static Usage usage(AiGateway.Result result) {
        return result.usage() == null ? Usage.NONE : result.usage();
    }
}
