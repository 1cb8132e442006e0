package dev.atom.workflows.internal;

import dev.atom.ai.AiGateway;
import dev.atom.ai.AiGatewayException;
import dev.atom.ai.CallSource;
import dev.atom.identity.Members;
import dev.atom.workflows.internal.StepState.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An AI step: one completion through the gateway (the workspace's keys and routing, the ledger records the
 * usage with source WORKFLOW), as the workflow's owner (its creator), while they are a member. With a schema, the answer must be JSON that fits
 * it: one more try tells the model what was wrong, then the step fails with the reason. Rate limits and
 * provider outages are retried with back-off like connector calls. Thread-safe.
 *
 * <p>An object schema is also sent as the providers' native structured output ({@code response_format:
 * json_schema}, which the gateway translates for Anthropic and Gemini), not strict: strict mode refuses
 * ordinary schemas (optional fields, open objects). When no model the caller may use offers it (DeepSeek,
 * say), the request is made again without it and the schema in the prompt plus the check above do the work.
 * The schema stays in the prompt either way, for OpenAI-compatible servers that ignore the field.
 */
@Component
class AiStep {
    static final String DEFAULT_MODEL = AiGateway.WORKSPACE_DEFAULT; // the workspace's routing
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AiGateway gateway;
    private final WorkflowRepository workflows;
    private final Clock clock;
    private final Members members;

    AiStep(AiGateway gateway, WorkflowRepository workflows, Clock clock, Members members) {
        this.gateway = gateway;
        this.workflows = workflows;
        this.clock = clock;
        this.members = members;
    }

    Outcome run(RunExecution execution, Step.Ai step, StepState saved) {
        Step.RetryPolicy retry = Step.RetryPolicy.DEFAULT;
        int attempts = saved == null ? 0 : saved.attempts();
        if (attempts >= retry.maxAttempts()) {
            return execution.fail(step, null, "gave up after " + attempts + " attempts: " + lastError(saved));
        }
        String prompt = text(execution.render(step.prompt()));
        String system = step.system() == null ? null : text(execution.render(step.system()));
        String model = step.model() == null ? DEFAULT_MODEL : step.model();
        ObjectNode input = NODES.objectNode().put("model", model).put("prompt", prompt);
        StepState running =
                execution.save(step, StepStatus.RUNNING, attempts + 1, input, null, null, saved, clock.instant());
        execution.flush(); // the attempt (and its cost) is on record before it is made
        Run run = execution.run();
        String userId = workflows
                .find(run.workspaceId(), run.workflowId())
                .map(Workflow::createdBy)
                .orElse(null);
        if (userId == null || members.find(run.workspaceId(), userId).isEmpty()) {
            // the owner's keys (personal ones first) are spent only while the owner is still a member
            return execution.fail(
                    step,
                    input,
                    "the workflow's owner is no longer a member of this workspace: its AI steps do not run");
        }
        var caller = new AiGateway.Caller(run.workspaceId(), userId, CallSource.WORKFLOW, "run-" + run.id());
        ArrayNode messages = NODES.arrayNode();
        String instructions = step.schema() == null
                ? system
                : (system == null ? "" : system + "\n\n")
                        + "Answer with only a JSON value (no prose, no code fences) that matches this JSON Schema: "
                        + step.schema();
        if (instructions != null) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        messages.addObject().put("role", "user").put("content", prompt);
        try {
            AiGateway.Result result = chat(caller, model, messages, step.schema());
            String text = content(result);
            if (step.schema() == null) {
                return execution.succeed(step, input, output(result).put("text", text));
            }
            String problem = problem(text, step.schema());
            if (problem != null) {
                messages.addObject().put("role", "assistant").put("content", text);
                messages.addObject()
                        .put("role", "user")
                        .put(
                                "content",
                                "That answer is not valid: " + problem
                                        + ". Answer again with only the JSON value matching the schema.");
                result = chat(caller, model, messages, step.schema());
                text = content(result);
                problem = problem(text, step.schema());
                if (problem != null) {
                    return execution.fail(step, input, "the model's answer did not match the schema twice: " + problem);
                }
            }
            ObjectNode out = output(result);
            out.set("data", parse(text));
            return execution.succeed(step, input, out);
        } catch (AiGatewayException e) {
            boolean retriable = e.status() == 429 || e.status() >= 500;
            if (!retriable || attempts + 1 >= retry.maxAttempts()) {
                return execution.fail(step, input, e.getMessage());
            }
            Instant now = clock.instant();
            execution.save(step, StepStatus.RETRYING, attempts + 1, input, null, e.getMessage(), running, now);
            return new Outcome.Parked(now.plus(Backoff.after(attempts + 1, retry, null)));
        }
    }

    private AiGateway.Result chat(AiGateway.Caller caller, String model, ArrayNode messages, JsonNode schema) {
        ObjectNode request = NODES.objectNode().put("model", model);
        request.set("messages", messages.deepCopy());
        if (schema == null || !"object".equals(schema.path("type").asString(""))) {
            return gateway.chat(caller, request);
        }
        ObjectNode format = request.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema")
                .put("name", "output")
                .put("strict", false)
                .set("schema", schema);
        try {
            return gateway.chat(caller, request);
        } catch (AiGatewayException e) {
            if (!"model_not_capable".equals(e.code())) {
                throw e;
            }
            request.remove("response_format"); // no usable model offers it: the prompt carries the schema
            return gateway.chat(caller, request);
        }
    }

    private static ObjectNode output(AiGateway.Result result) {
        ObjectNode out = NODES.objectNode().put("model", result.model());
        out.putObject("usage")
                .put("inputTokens", result.usage().inputTokens())
                .put("outputTokens", result.usage().outputTokens())
                .put("costMicros", result.costMicros());
        return out;
    }

    private static String content(AiGateway.Result result) {
        JsonNode c = result.body().path("choices").path(0).path("message").path("content");
        return c.isString() ? c.asString() : "";
    }

    /** Why {@code text} is not a JSON value fitting {@code schema}, or null when it is. */
    static String problem(String text, JsonNode schema) {
        JsonNode value;
        try {
            value = parse(text);
        } catch (JacksonException e) {
            return "it is not JSON";
        }
        List<String> problems = SchemaCheck.validate(value, schema);
        return problems.isEmpty() ? null : String.join("; ", problems.subList(0, Math.min(5, problems.size())));
    }

    /** The JSON in a model's answer, tolerating a Markdown code fence around it. */
    static JsonNode parse(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            t = t.substring(t.indexOf('\n') + 1);
            int end = t.lastIndexOf("```");
            t = end >= 0 ? t.substring(0, end) : t;
        }
        return JSON.readTree(t);
    }

    private static String text(JsonNode v) {
        return v.isString() ? v.asString() : v.toString();
    }

    private static String lastError(StepState saved) {
        return saved == null || saved.error() == null ? "the last attempt did not finish" : saved.error();
    }
}
