package dev.atom.ai.routing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import tools.jackson.databind.JsonNode;

/**
 * A fast local estimate of a request's prompt tokens, for cost estimates, budget reservations and the
 * context-window check. It counts with OpenAI's o200k_base encoding (jtokkit) and adds what the chat format
 * costs per message (OpenAI's cookbook "How to count tokens": 3 per message plus 3 to prime the reply; we use 4
 * and 3). Other providers tokenize differently (Anthropic and Gemini run some 10-20% higher on English), so
 * the result carries a 15% margin: estimates should rather over- than under-reserve. An image counts as
 * {@value #IMAGE_TOKENS} tokens (Anthropic bills about width*height/750, some 1,600 for a 1092x1092 image;
 * OpenAI 765 for a high-detail 1024x1024). Texts of at least {@value #CACHED_FROM} characters and tool
 * definitions are counted once and then looked up ({@link TokenCounts}): a chat's tools, system prompt and earlier
 * messages come back on every model call. Thread-safe: jtokkit encodings are immutable, the counts concurrent.
 */
public final class TokenEstimator {
    static final int IMAGE_TOKENS = 1_600;
    private static final int PER_MESSAGE = 4;
    private static final int REPLY_PRIMING = 3;
    /** Shorter texts (roles, names, short messages) are counted each time: a lookup would save little. */
    static final int CACHED_FROM = 64;
    /** At most this many characters of counted text are kept (some 8 MB). */
    private static final long CACHED_CHARS = 4_000_000;

    private final TokenCounts counts;

    public TokenEstimator() {
        this(CACHED_CHARS);
    }

    TokenEstimator(long cachedChars) {
        this.counts = new TokenCounts(cachedChars);
    }

    // Loading o200k_base takes about 0.5 s and 40 MiB of heap: done on the first count (the holder class is
    // initialized then, thread-safely), not at start-up, so an instance that never counts never pays for it.
    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** Tokens of plain text, without margin. */
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() < CACHED_FROM) {
            return encode(text);
        }
        return counts.get(text, t -> t, t -> new TokenCounts.Counted(encode(t), t.length()));
    }

    TokenCounts counts() {
        return counts;
    }

    private static int encode(String text) {
        return O200k.ENCODING.countTokensOrdinary(text);
    }

    /**
     * A tool definition as the model reads it (its JSON), looked up by value: the node itself is not serialized
     * again once counted. Each definition also costs the comma or bracket around it.
     */
    private int tool(JsonNode tool) {
        return 1
                + counts.get(tool, JsonNode::deepCopy, t -> {
                    String json = t.toString();
                    return new TokenCounts.Counted(encode(json), json.length());
                });
    }

    /** The prompt of a chat request: messages (text, images, tool calls), tool definitions and the schema. */
    public int chatPrompt(JsonNode request) {
        long tokens = REPLY_PRIMING;
        JsonNode messages = request.path("messages");
        for (JsonNode message : messages) {
            tokens += PER_MESSAGE;
            tokens += count(message.path("role").asString(""));
            tokens += count(message.path("name").asString(""));
            tokens += content(message.path("content"));
            for (JsonNode call : message.path("tool_calls")) {
                tokens += count(call.path("function").path("name").asString(""));
                tokens += count(call.path("function").path("arguments").asString(""));
            }
        }
        JsonNode tools = request.path("tools");
        if (tools.isArray()) {
            for (JsonNode tool : tools) {
                tokens += tool(tool);
            }
        }
        JsonNode format = request.path("response_format");
        if (format.isObject()) {
            tokens += count(format.toString());
        }
        return withMargin(tokens);
    }

    /** The input of an embeddings request: a string or an array of strings (token arrays count as given). */
    public int embeddingsInput(JsonNode request) {
        JsonNode input = request.path("input");
        long tokens = 0;
        if (input.isString()) {
            tokens = count(input.asString());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                tokens += item.isString() ? count(item.asString()) : item.isArray() ? item.size() : 0;
            }
        }
        return withMargin(tokens);
    }

    private long content(JsonNode content) {
        if (content.isString()) {
            return count(content.asString());
        }
        long tokens = 0;
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if (type.equals("image_url") || type.equals("image")) {
                tokens += IMAGE_TOKENS;
            } else {
                tokens += count(part.path("text").asString(""));
            }
        }
        return tokens;
    }

    private static int withMargin(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(tokens * 115, 100));
    }
}
