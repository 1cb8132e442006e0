package dev.atom.assistant.internal;

import dev.atom.ai.AiGateway;
import dev.atom.shared.web.FieldErrors;
import dev.atom.tools.PageItem;
import java.time.DateTimeException;
import java.time.ZoneId;
import tools.jackson.databind.JsonNode;

/**
 * A turn's request body {@code {text, model?, timeZone?, context?: {kind, id}}}, checked: each problem names its
 * field. Without a {@code timeZone} the turn is in the person's own zone ({@code personal}: theirs, else UTC);
 * {@code context} is the item of the page the message was sent from ("this task"), null when none.
 */
record TurnInput(String text, String model, ZoneId timeZone, PageRef context) {
    static final String OFFLINE = "atom/offline";

    /** The item a page is about: one of {@link PageItem#KINDS} and its id. */
    record PageRef(String kind, String id) {}

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
        PageRef context = context(body.get("context"), errors);
        errors.throwIfAny();
        return new TurnInput(text.asString().strip(), model, zone, context);
    }

    private static PageRef context(JsonNode context, FieldErrors errors) {
        if (context == null || context.isNull()) {
            return null;
        }
        if (!context.isObject()) {
            errors.add("context", "must be an object such as {\"kind\": \"task\", \"id\": \"...\"}");
            return null;
        }
        JsonNode kind = context.get("kind");
        JsonNode id = context.get("id");
        boolean ok = true;
        if (kind == null || !kind.isString() || !PageItem.KINDS.contains(kind.asString())) {
            errors.add(
                    "context.kind",
                    "must be one of "
                            + String.join(", ", PageItem.KINDS.stream().sorted().toList()));
            ok = false;
        }
        if (id == null
                || !id.isString()
                || id.asString().isBlank()
                || id.asString().length() > 100) {
            errors.add("context.id", "must be the item's id (at most 100 characters)");
            ok = false;
        }
        return ok ? new PageRef(kind.asString(), id.asString().strip()) : null;
    }
}
