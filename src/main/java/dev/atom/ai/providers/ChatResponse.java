package dev.atom.ai.providers;

import dev.atom.ai.Usage;
import tools.jackson.databind.node.ObjectNode;

/** A whole answer in OpenAI {@code chat.completion} form, and the provider's usage for it. */
public record ChatResponse(ObjectNode body, Usage usage) {}
