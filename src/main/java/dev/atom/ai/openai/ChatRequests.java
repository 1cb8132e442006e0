package dev.atom.ai.openai;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape checks OpenAI itself makes on a chat completion request before anything reaches a model, with its
 * messages and codes (missing_required_parameter, invalid_type, empty_array). What a model can or cannot do
 * with the request (tools, images, JSON schema) is the gateway's and the provider's business.
 */
final class ChatRequests {
    private ChatRequests() {}

    static void validate(ObjectNode body) {
        JsonNode models = body.get("models");
        if (models != null && !models.isNull()) {
            if (!models.isArray() || models.isEmpty()) {
                throw OpenAiError.wrongType("models", "a non-empty array of model ids");
            }
            for (int i = 0; i < models.size(); i++) {
                if (!models.get(i).isString()) {
                    throw OpenAiError.wrongType("models[" + i + "]", "a string");
                }
            }
        }
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            if (models == null || models.isNull()) {
                throw OpenAiError.missing("model");
            }
        } else if (!model.isString()) {
            throw OpenAiError.wrongType("model", "a string");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw OpenAiError.missing("messages");
        }
        if (!messages.isArray()) {
            throw OpenAiError.wrongType("messages", "an array of objects");
        }
        if (messages.isEmpty()) {
            throw OpenAiError.invalid(
                    "messages",
                    "empty_array",
                    "Invalid 'messages': empty array. Expected an array with minimum"
                            + " length 1, but got an empty array instead.");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw OpenAiError.wrongType("messages[" + i + "]", "an object");
            }
            JsonNode role = message.get("role");
            if (role == null || role.isNull()) {
                throw OpenAiError.missing("messages[" + i + "].role");
            }
            if (!role.isString()) {
                throw OpenAiError.wrongType("messages[" + i + "].role", "a string");
            }
        }
        expect(body, "stream", JsonNode::isBoolean, "a boolean");
        expect(body, "tools", JsonNode::isArray, "an array of objects");
        expect(body, "response_format", JsonNode::isObject, "an object");
        expect(body, "stream_options", JsonNode::isObject, "an object");
    }

    private static void expect(ObjectNode body, String field, java.util.function.Predicate<JsonNode> ok, String what) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !ok.test(value)) {
            throw OpenAiError.wrongType(field, what);
        }
    }
}
