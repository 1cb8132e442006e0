package dev.atom.assistant.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini's generateContent as documented (https://ai.google.dev/api/generate-content,
 * https://ai.google.dev/gemini-api/docs/function-calling): a candidate whose content (role model) has text and
 * functionCall parts ({name, args}, no call id), finishReason STOP, usageMetadata; streamed with
 * {@code :streamGenerateContent?alt=sse} as a GenerateContentResponse per data line, the last with the finish
 * reason and usage. Results come back as functionResponse parts ({name, response}) in a user turn.
 */
@SuppressWarnings("unchecked")
final class ScriptedGemini extends ScriptedWire {

    ScriptedGemini(WireMockServer server, String prefix) {
        super(server, prefix);
    }

    @Override
    String provider() {
        return "gemini";
    }

    @Override
    String model() {
        return "gemini/gemini-3.8-flash";
    }

    @Override
    String path(boolean stream) {
        return "/" + prefix + "/v1/models/gemini-3.8-flash:" + (stream ? "streamGenerateContent" : "generateContent");
    }

    @Override
    String answer(Object answer) {
        ObjectNode response = response(parts(answer), true);
        return JSON.writeValueAsString(response);
    }

    @Override
    String events(Object answer) {
        StringBuilder sse = new StringBuilder();
        ArrayNode all = parts(answer);
        for (int i = 0; i < all.size(); i++) {
            ArrayNode one = NODES.arrayNode().add(all.get(i));
            sse.append("data: ")
                    .append(JSON.writeValueAsString(response(one, i == all.size() - 1)))
                    .append("\r\n\r\n");
        }
        return sse.toString();
    }

    @Override
    List<String[]> toolResults(JsonNode request) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode c : request.path("contents")) {
            for (JsonNode part : c.path("parts")) {
                JsonNode r = part.path("functionResponse");
                if (r.isObject()) {
                    out.add(new String[] {r.path("name").asString(), JSON.writeValueAsString(r.path("response"))});
                }
            }
        }
        return out;
    }

    @Override
    List<String> toolNames(JsonNode request) {
        return request.at("/tools/0/functionDeclarations")
                .valueStream()
                .map(t -> t.path("name").asString())
                .toList();
    }

    @Override
    List<String[]> echoedCalls(JsonNode request) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode c : request.path("contents")) {
            for (JsonNode part : c.path("parts")) {
                JsonNode call = part.path("functionCall");
                if (call.isObject()) {
                    out.add(new String[] {call.path("name").asString(), JSON.writeValueAsString(call.path("args"))});
                }
            }
        }
        return out;
    }

    private static ArrayNode parts(Object answer) {
        ArrayNode parts = NODES.arrayNode();
        if (answer instanceof String text) {
            for (String piece : text.split("(?<= )")) {
                parts.addObject().put("text", piece);
            }
        } else {
            for (ScriptedModel.Call c : (List<ScriptedModel.Call>) answer) {
                parts.addObject()
                        .putObject("functionCall")
                        .put("name", c.name())
                        .set("args", JSON.readTree(c.arguments()));
            }
        }
        return parts;
    }

    private static ObjectNode response(ArrayNode parts, boolean last) {
        ObjectNode response = NODES.objectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").set("parts", parts);
        candidate.put("index", 0);
        if (last) {
            candidate.put("finishReason", "STOP");
            response.putObject("usageMetadata")
                    .put("promptTokenCount", 100)
                    .put("candidatesTokenCount", 20)
                    .put("totalTokenCount", 120);
        }
        response.put("modelVersion", "gemini-3.8-flash").put("responseId", "scripted-gemini");
        return response;
    }
}
