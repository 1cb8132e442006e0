package dev.atom.ai.openai;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Chat Completions, Embeddings and Models routes (API reference: platform.openai.com/docs/api-reference),
 * for personal API tokens. Bodies are read as raw JSON trees (no binding: the gateway passes unknown fields on
 * to the provider) and answers are written directly to the response. Errors use OpenAI's format
 * ({@link OpenAiErrorAdvice}); a URL or method OpenAI does not have is its 404 "Invalid URL".
 */
@RestController
@RequestMapping("/v1")
class OpenAiController {
    private static final Logger log = LoggerFactory.getLogger(OpenAiController.class);
    private final AiGateway gateway;
    private final OpenAiJson json;
    private final ModelList models;
    private final Clock clock;

    OpenAiController(AiGateway gateway, JsonMapper mapper, ModelList models, Clock clock) {
        this.gateway = gateway;
        this.json = new OpenAiJson(mapper);
        this.models = models;
        this.clock = clock;
    }

    @PostMapping("/chat/completions")
    void chat(HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser user)
            throws IOException {
        ObjectNode body = readObject(request);
        ChatRequests.validate(body);
        AiGateway.Caller caller = caller(user);
        JsonNode stream = body.get("stream");
        if (stream != null && stream.asBoolean(false)) {
            stream(caller, body, response);
            return;
        }
        AiGateway.Result result = gateway.chat(caller, body);
        ObjectNode answer = result.body();
        JsonNode usage = answer.get("usage");
        if (usage == null || !usage.isObject()) {
            answer.set("usage", json.usage(result.usage(), null));
        }
        OpenAiJson.resultHeaders(response, result);
        json.write(response, 200, answer);
    }

    private void stream(AiGateway.Caller caller, ObjectNode body, HttpServletResponse response) {
        SseWriter sse = new SseWriter(response, json, clock);
        AiGateway.Result result;
        try {
            result = gateway.stream(caller, body, sse);
        } catch (AiGatewayException e) {
            if (!sse.committed()) {
                sse.forget(); // the error answers for no model
                throw e;
            }
            sse.fail(OpenAiError.of(e));
            return;
        } catch (UncheckedIOException e) {
            if (!sse.committed()) {
                throw e;
            }
            log.debug("stream ended early: the client went away");
            return;
        }
        try {
            sse.finish(result);
        } catch (UncheckedIOException e) {
            log.debug("stream ended early: the client went away");
        }
    }

    @PostMapping("/embeddings")
    void embeddings(HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal CurrentUser user)
            throws IOException {
        ObjectNode body = readObject(request);
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw OpenAiError.missing("model");
        }
        if (!model.isString()) {
            throw OpenAiError.wrongType("model", "a string");
        }
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw OpenAiError.missing("input");
        }
        if (!input.isString() && !input.isArray()) {
            throw OpenAiError.wrongType("input", "a string or an array");
        }
        AiGateway.Result result = gateway.embeddings(caller(user), body);
        ObjectNode answer = result.body();
        if (!(answer.get("usage") instanceof ObjectNode)) {
            ObjectNode usage = answer.putObject("usage");
            long tokens = result.usage() == null ? 0 : result.usage().inputTokens();
            usage.put("prompt_tokens", tokens);
            usage.put("total_tokens", tokens);
        }
        OpenAiJson.resultHeaders(response, result);
        json.write(response, 200, answer);
    }

    @GetMapping("/models")
    void models(HttpServletResponse response, @AuthenticationPrincipal CurrentUser user) throws IOException {
        json.write(response, 200, models.list(user, json));
    }

    /** Anything else under /v1: OpenAI answers an unknown route or method with this 404. */
    @RequestMapping("/**")
    void unknown(HttpServletRequest request) {
        throw new OpenAiError(
                404,
                "invalid_request_error",
                null,
                null,
                "Invalid URL (" + request.getMethod() + " " + request.getRequestURI() + ")");
    }

    private ObjectNode readObject(HttpServletRequest request) throws IOException {
        JsonNode body;
        try {
            body = json.mapper().readTree(request.getInputStream());
        } catch (JacksonException e) {
            throw OpenAiError.unparsable();
        }
        if (!(body instanceof ObjectNode object)) {
            throw OpenAiError.unparsable();
        }
        return object;
    }

    private static AiGateway.Caller caller(CurrentUser user) {
        return new AiGateway.Caller(
                user.workspaceId(), user.userId(), CallSource.API_CLIENT, MDC.get(ProblemHandler.REQUEST_ID));
    }
}
