/**
 * The OpenAI-compatible face: {@code POST /v1/chat/completions} (plain and streamed), {@code GET /v1/models}
 * and {@code POST /v1/embeddings}, authenticated with a personal API token, answering in OpenAI's wire format
 * (and its error format) so the official clients work unmodified. Everything goes through
 * {@link dev.atom.ai.AiGateway}; this package only parses, validates the shape, and writes.
 *
 * <p>Speed matters here (the gateway should add well under a millisecond): the body is parsed once into a
 * Jackson tree and passed on as it is, answers are written with the shared mapper straight to the servlet
 * response, and nothing per request uses reflection-driven data binding.
 */
package dev.atom.ai.openai;
