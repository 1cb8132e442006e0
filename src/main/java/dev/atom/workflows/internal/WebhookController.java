package dev.atom.workflows.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow's incoming webhook, {@code /api/v1/hooks/<token>}: no sign-in, the unguessable token is the
 * credential. The run's trigger is {@code {method, body, headers, query}}. Answers 202 with the run id, or,
 * when the trigger says {@code respond: last_step}, the run's respond step (or its last output).
 */
@RestController
class WebhookController {
    static final String PATH = "/api/v1/hooks";
    private static final int MAX_BODY = 1 << 20;
    private static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RunService runs;
    private final ConnectorHooks connectorHooks;

    WebhookController(RunService runs, ConnectorHooks connectorHooks) {
        this.runs = runs;
        this.connectorHooks = connectorHooks;
    }

    @RequestMapping(
            path = PATH + "/{token}",
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.GET})
    ResponseEntity<?> receive(@PathVariable String token, HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than 1 MiB", null);
        }
        ObjectNode trigger = NODES.objectNode();
        trigger.put("type", "webhook");
        trigger.put("method", request.getMethod());
        try {
            trigger.set("body", body(body, request.getContentType()));
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "The body is not valid JSON: " + e.getOriginalMessage(), null);
        }
        trigger.set("headers", headers(request));
        trigger.set("query", query(request.getParameterMap()));
        var outcome = runs.webhook(token, trigger);
        if (outcome.isEmpty()) {
            // not a plain webhook: perhaps a service's delivery for a connector trigger, verified by its connector
            var delivered = connectorHooks.receive(token, rawHeaders(request), body);
            if (delivered.isPresent()) {
                return delivered.get();
            }
            return problem(HttpStatus.NOT_FOUND, "No enabled workflow listens at this URL", null);
        }
        String runId = outcome.get().runId();
        RunEngine.TurnResult result = outcome.get().result();
        if (result == null || !result.status().terminal()) { // queued (waited long enough), running or waiting
            return ResponseEntity.accepted()
                    .header("X-Atom-Run-Id", runId)
                    .body(Map.of(
                            "runId",
                            runId,
                            "status",
                            result == null ? "queued" : result.status().wire()));
        }
        if (result.status() == RunStatus.FAILED) {
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The workflow run failed: " + result.error(), runId);
        }
        JsonNode response = result.response();
        if (response == null) {
            return ResponseEntity.ok().header("X-Atom-Run-Id", runId).body(orEmpty(result.output()));
        }
        var answer = ResponseEntity.status(response.path("status").asInt(200)).header("X-Atom-Run-Id", runId);
        response.path("headers")
                .properties()
                .forEach(h -> answer.header(h.getKey(), h.getValue().asString("")));
        JsonNode content = response.path("body");
        if (content.isString() && !response.path("headers").has("content-type")) {
            return answer.contentType(MediaType.TEXT_PLAIN).body(content.asString());
        }
        return answer.contentType(MediaType.APPLICATION_JSON).body(orEmpty(content));
    }

    private static JsonNode body(byte[] body, String contentType) {
        if (body.length == 0) {
            return NODES.nullNode();
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.isEmpty() || type.contains("json")) {
            return JSON.readTree(body);
        }
        return NODES.stringNode(new String(body, StandardCharsets.UTF_8));
    }

    private static ObjectNode headers(HttpServletRequest request) {
        ObjectNode headers = NODES.objectNode();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HIDDEN_HEADERS.contains(lower)) {
                headers.put(lower, request.getHeader(name));
            }
        }
        return headers;
    }

    private static Map<String, List<String>> rawHeaders(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static ObjectNode query(Map<String, String[]> parameters) {
        ObjectNode query = NODES.objectNode();
        parameters.forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
        return query;
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null || node.isMissingNode() ? NODES.nullNode() : node;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String runId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (runId != null) {
            problem.setProperty("runId", runId);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
