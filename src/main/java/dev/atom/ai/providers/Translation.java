package dev.atom.ai.providers;

import dev.atom.ai.Usage;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Pieces the translating adapters (Anthropic, Gemini) share: OpenAI shapes in and out. */
final class Translation {

    private Translation() {}

    /** A {@code data:<media type>;base64,<data>} URL split in two; null for any other URL. */
    record DataUrl(String mediaType, String data) {
        static DataUrl parse(String url) {
            if (url == null || !url.startsWith("data:")) {
                return null;
            }
            int comma = url.indexOf(',');
            int base64 = url.indexOf(";base64");
            if (comma < 0 || base64 < 0 || base64 > comma) {
                return null;
            }
            return new DataUrl(url.substring(5, base64), url.substring(comma + 1));
        }
    }

    /** The image media type a URL's extension suggests (Gemini wants one for file URIs). */
    static String mediaTypeOf(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.endsWith(".png")) return "image/png";
        if (path.endsWith(".gif")) return "image/gif";
        if (path.endsWith(".webp")) return "image/webp";
        if (path.endsWith(".pdf")) return "application/pdf";
        return "image/jpeg";
    }

    /** The text of an OpenAI message content: a string, or the text parts joined. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.values()) {
            String piece = Json.text(part, "text");
            if (piece != null) {
                text.append(piece);
            }
        }
        return text.toString();
    }

    /** Tool-call arguments (a JSON string in OpenAI form) as an object; blank means none. */
    static ObjectNode arguments(String provider, String arguments) throws ProviderException {
        if (arguments == null || arguments.isBlank()) {
            return Json.object();
        }
        JsonNode parsed = Json.parseOrNull(arguments);
        if (parsed == null || !parsed.isObject()) {
            throw badRequest(provider, "tool call arguments must be a JSON object");
        }
        return (ObjectNode) parsed;
    }

    static ProviderException.Permanent badRequest(String provider, String what) {
        return new ProviderException.Permanent(400, "bad_request", provider + ": " + what, null);
    }

    /** OpenAI's usage block. */
    static ObjectNode usage(Usage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.inputTokens());
        node.put("completion_tokens", usage.outputTokens());
        node.put("total_tokens", usage.inputTokens() + usage.outputTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        return node;
    }

    /** An empty {@code chat.completion.chunk} with one choice whose delta the caller fills. */
    static ObjectNode chunk(String id, String model, long created, ObjectNode delta, String finishReason) {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    /** The last chunk of a stream: no choices, the whole usage (as OpenAI's include_usage sends it). */
    static ObjectNode usageChunk(String id, String model, long created, Usage usage) {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.putArray("choices");
        chunk.set("usage", usage(usage));
        return chunk;
    }

    /** A tool-call id for providers that give none (Gemini). */
    static String newToolCallId() {
        return "call_" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
