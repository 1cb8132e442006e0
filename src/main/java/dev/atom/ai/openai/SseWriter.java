package dev.atom.ai.openai;

import dev.atom.ai.AiGateway;
import dev.atom.ai.ChatStreamSink;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a streamed answer as OpenAI's server-sent events: {@code data: <chunk>\n\n} per chunk, flushed at once,
 * then one final chunk with empty choices carrying the usage (what OpenAI sends for
 * {@code stream_options.include_usage}, here always) and Atom's {@code x_atom} {model, provider, cost_usd}, then
 * {@code data: [DONE]}. The provider's own usage-only chunk is held back and folded into that final chunk, so a
 * client sees exactly one usage. Headers (with x-atom-model and x-atom-provider) go out with the first chunk.
 * One instance per request; the gateway calls it from one thread at a time.
 */
final class SseWriter implements ChatStreamSink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private final OpenAiJson json;
    private final Clock clock;
    private ServletOutputStream out;
    private JsonNode providerUsage;
    private JsonNode id;
    private JsonNode created;
    private JsonNode model;
    private JsonNode fingerprint;

    SseWriter(HttpServletResponse response, OpenAiJson json, Clock clock) {
        this.response = response;
        this.json = json;
        this.clock = clock;
    }

    /** True once the response headers and some content went out: errors must then be sent as an event. */
    boolean committed() {
        return out != null;
    }

    @Override
    public void started(String model, String provider) {
        if (out == null) {
            if (model != null) {
                response.setHeader(OpenAiJson.MODEL_HEADER, model);
            }
            if (provider != null) {
                response.setHeader(OpenAiJson.PROVIDER_HEADER, provider);
            }
        }
    }

    /** Drops the x-atom-model and x-atom-provider headers of an attempt that failed before its first chunk. */
    void forget() {
        response.setHeader(OpenAiJson.MODEL_HEADER, null);
        response.setHeader(OpenAiJson.PROVIDER_HEADER, null);
    }

    @Override
    public void chunk(ObjectNode chunk) {
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            providerUsage = usage;
        }
        remember(chunk);
        JsonNode choices = chunk.get("choices");
        if (usage != null && (choices == null || choices.isEmpty())) {
            return; // the provider's usage-only chunk: folded into our final one
        }
        if (usage != null) {
            chunk.remove("usage");
        }
        send(chunk);
    }

    /** The final usage chunk and [DONE]. */
    void finish(AiGateway.Result result) {
        ObjectNode last = json.object();
        last.set("id", id != null ? id : last.stringNode("chatcmpl-" + java.util.UUID.randomUUID()));
        last.put("object", "chat.completion.chunk");
        last.set(
                "created",
                created != null ? created : last.numberNode(clock.instant().getEpochSecond()));
        last.set("model", model != null ? model : last.stringNode(result.model()));
        if (fingerprint != null) {
            last.set("system_fingerprint", fingerprint);
        }
        last.putArray("choices");
        last.set("usage", json.usage(result.usage(), providerUsage));
        ObjectNode atom = last.putObject("x_atom");
        atom.put("model", result.model());
        atom.put("provider", result.provider());
        atom.put("cost_usd", OpenAiJson.usd(result.costMicros()));
        if (out == null) {
            started(result.model(), result.provider());
        }
        send(last);
        write(DONE);
    }

    /** An error after content went out: OpenAI's clients raise an {@code error} object received as an event. */
    void fail(OpenAiError e) {
        send(json.errorBody(e));
    }

    private void remember(ObjectNode chunk) {
        if (id == null) {
            id = chunk.get("id");
            created = chunk.get("created");
            model = chunk.get("model");
            fingerprint = chunk.get("system_fingerprint");
        }
    }

    private void send(JsonNode node) {
        byte[] bytes = json.mapper().writeValueAsBytes(node);
        try {
            ServletOutputStream stream = open();
            stream.write(DATA);
            stream.write(bytes);
            stream.write(END);
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during the stream", e);
        }
    }

    private void write(byte[] bytes) {
        try {
            ServletOutputStream stream = open();
            stream.write(bytes);
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during the stream", e);
        }
    }

    private ServletOutputStream open() throws IOException {
        if (out == null) {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            out = response.getOutputStream();
        }
        return out;
    }
}
