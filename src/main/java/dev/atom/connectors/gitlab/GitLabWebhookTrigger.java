package dev.atom.connectors.gitlab;

import static dev.atom.connectors.gitlab.GitLabApi.text;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookSignature;
import dev.atom.connectors.WebhookTrigger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code gitlab.event}: a project or group webhook for issue, merge request and pipeline events. GitLab signs
 * nothing: it sends the webhook's secret token as is in {@code X-Gitlab-Token}, compared here in constant time
 * (digests of both, so neither the content nor the length leaks). The delivery id is GitLab's {@code
 * Idempotency-Key} (the same on its retries, GitLab 17.4+), else {@code X-Gitlab-Event-UUID}, else a digest of the
 * body (which carries the object's {@code updated_at}). GitLab sends no timestamp, so replays are refused by that
 * id alone. Other event kinds (push, tag, note...) are refused as not handled, so a hook ticking them does not
 * start workflows with empty fields.
 */
final class GitLabWebhookTrigger implements WebhookTrigger {
    static final String TOKEN_HEADER = "X-Gitlab-Token";
    static final Set<String> EVENTS =
            Set.of("Issue Hook", "Merge Request Hook", "Pipeline Hook", "Confidential Issue Hook");

    private final Clock clock;

    GitLabWebhookTrigger(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "An issue, merge request or pipeline event from a GitLab webhook")
    record Event(
            @Schema(description = "The delivery's id, the same on GitLab's retries")
            String deliveryId,

            @Schema(description = "issue, merge_request or pipeline")
            String kind,

            @Schema(description = "For issues and merge requests: open, close, reopen, update, merge, approved...")
            @Nullable
            String action,

            @Schema(description = "The issue's or merge request's number (iid), or the pipeline's id")
            long number,

            @Schema(description = "The title (issues, merge requests)") @Nullable
            String title,

            @Schema(description = "The state (opened, closed, merged) or the pipeline's status (success, failed...)")
            @Nullable
            String state,

            @Schema(description = "For pipelines: the branch or tag") @Nullable
            String ref,

            @Schema(description = "Label names (issues, merge requests)")
            List<String> labels,

            @Schema(description = "The object's page", format = "uri") @Nullable
            String url,

            @Schema(description = "The project's path (group/app)") @Nullable
            String project,

            @Schema(description = "Username of who did it") @Nullable
            String user) {}

    @Override
    public String id() {
        return "gitlab.event";
    }

    @Override
    public String name() {
        return "GitLab issue, merge request or pipeline event";
    }

    @Override
    public String description() {
        return "Starts when an issue or merge request changes or a pipeline runs in a GitLab project or group.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the GitLab webhook's secret token must not be empty");
        }
        String token = WebhookSignature.header(headers, TOKEN_HEADER);
        if (token == null) {
            throw new WebhookRefusal(Reason.MISSING_SIGNATURE, "the " + TOKEN_HEADER + " header is missing");
        }
        if (!MessageDigest.isEqual(
                sha256(token.getBytes(StandardCharsets.UTF_8)), sha256(secret.getBytes(StandardCharsets.UTF_8)))) {
            throw new WebhookRefusal(
                    Reason.BAD_SIGNATURE, "the " + TOKEN_HEADER + " is not the webhook's secret token");
        }
        String kind = WebhookSignature.header(headers, "X-Gitlab-Event");
        if (kind == null || !EVENTS.contains(kind)) {
            throw new WebhookRefusal(
                    Reason.MALFORMED, "only issue, merge request and pipeline events are handled, not " + kind);
        }
        JsonNode json;
        try {
            json = GitLabApi.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRefusal(Reason.MALFORMED, "the body is not JSON");
        }
        JsonNode attrs = json.path("object_attributes");
        if (!attrs.isObject()) {
            throw new WebhookRefusal(Reason.MALFORMED, "the body has no object_attributes");
        }
        String objectKind = json.path("object_kind").asString("");
        boolean pipeline = objectKind.equals("pipeline");
        String delivery = deliveryId(headers, body);
        Event e = new Event(
                delivery,
                objectKind,
                text(attrs.get("action")),
                pipeline ? attrs.path("id").asLong() : attrs.path("iid").asLong(),
                text(attrs.get("title")),
                pipeline ? text(attrs.get("status")) : text(attrs.get("state")),
                text(attrs.get("ref")),
                GitLabIssue.strings(json.path("labels"), "title"),
                text(attrs.get("url")),
                text(json.path("project").get("path_with_namespace")),
                text(json.path("user").get("username")));
        return new TriggerEvent(delivery, clock.instant(), GitLabApi.JSON.valueToTree(e));
    }

    private static String deliveryId(Map<String, List<String>> headers, byte[] body) {
        for (String name : List.of("Idempotency-Key", "X-Gitlab-Event-UUID")) {
            String v = WebhookSignature.header(headers, name);
            if (v != null && v.length() <= 100) {
                return v;
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(body));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
