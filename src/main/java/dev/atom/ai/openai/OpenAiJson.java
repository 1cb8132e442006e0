package dev.atom.ai.openai;

import dev.atom.ai.AiGateway;
import dev.atom.ai.Usage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes OpenAI-shaped JSON straight to the servlet response with the application's shared mapper. */
final class OpenAiJson {
    static final String MODEL_HEADER = "x-atom-model";
    static final String PROVIDER_HEADER = "x-atom-provider";
    static final String COST_HEADER = "x-atom-cost-usd";
    static final String JSON_UTF8 = "application/json";

    private final JsonMapper mapper;

    OpenAiJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    JsonMapper mapper() {
        return mapper;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** Serialises first, so the answer goes out with a Content-Length instead of chunked encoding. */
    void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(JSON_UTF8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    void writeError(HttpServletResponse response, OpenAiError e) throws IOException {
        write(response, e.status, errorBody(e));
    }

    ObjectNode errorBody(OpenAiError e) {
        ObjectNode error = object();
        error.put("message", e.getMessage());
        error.put("type", e.type);
        error.put("param", e.param);
        error.put("code", e.code);
        ObjectNode body = object();
        body.set("error", error);
        return body;
    }

    /** The x-atom-* headers of a finished, non-streamed call. */
    static void resultHeaders(HttpServletResponse response, AiGateway.Result result) {
        if (result.model() != null) {
            response.setHeader(MODEL_HEADER, result.model());
        }
        if (result.provider() != null) {
            response.setHeader(PROVIDER_HEADER, result.provider());
        }
        response.setHeader(COST_HEADER, usd(result.costMicros()));
    }

    /** Micro-dollars as a plain decimal USD string: 1234 -> "0.001234". */
    static String usd(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    /**
     * OpenAI's usage block with the gateway's counts, keeping any other detail the provider gave (reasoning
     * tokens...) from {@code base}.
     */
    ObjectNode usage(Usage usage, JsonNode base) {
        ObjectNode node = base instanceof ObjectNode o ? o.deepCopy() : object();
        Usage u = usage == null ? Usage.NONE : usage;
        node.put("prompt_tokens", u.inputTokens());
        node.put("completion_tokens", u.outputTokens());
        node.put("total_tokens", u.inputTokens() + u.outputTokens());
        JsonNode details = node.get("prompt_tokens_details");
        ObjectNode promptDetails = details instanceof ObjectNode d ? d : node.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", u.cachedInputTokens());
        return node;
    }
}
