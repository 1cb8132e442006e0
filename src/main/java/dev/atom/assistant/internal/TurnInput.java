package dev.atom.assistant.internal;

import dev.atom.ai.AiGateway;
import dev.atom.shared.web.FieldErrors;
import java.time.DateTimeException;
import java.time.ZoneId;
import tools.jackson.databind.JsonNode;

/**
 * A turn's request body {@code {text, model?, timeZone?}}, checked: each problem names its field. Without a
 * {@code timeZone} the turn is in the person's own zone ({@code personal}: theirs, else UTC).
 */
record TurnInput(String text, String model, ZoneId timeZone) {
    static final String OFFLINE = "atom/offline";

    static TurnInput parse(JsonNode body, int maxChars, ZoneId personal) {
        FieldErrors errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("text", "is required: send {\"text\": \"...\"}");
            errors.throwIfAny();
        }
        JsonNode text = body.get("text");
        if (text == null || !text.isString() || text.asString().isBlank()) {
            errors.add("text", "is required and must be a non-empty string");
        } else if (text.asString().length() > maxChars) {
            errors.add("text", "must be at most " + maxChars + " characters");
        }
        String model = AiGateway.WORKSPACE_DEFAULT;
        JsonNode m = body.get("model");
        if (m != null && !m.isNull()) {
            if (!m.isString() || m.asString().isBlank() || m.asString().length() > 200) {
                errors.add("model", "must be a model name such as \"openai/gpt-4o\", a policy or atom/default");
            } else {
                model = m.asString().strip();
            }
        }
        ZoneId zone = personal;
        JsonNode tz = body.get("timeZone");
        if (tz != null && !tz.isNull()) {
            try {
                zone = ZoneId.of(tz.asString(""));
            } catch (DateTimeException e) {
                errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin");
            }
        }
        errors.throwIfAny();
        return new TurnInput(text.asString().strip(), model, zone);
    }
}
