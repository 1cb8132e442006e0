package dev.atom.connectors.github;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookSignature;
import dev.atom.connectors.WebhookTrigger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code github.issue_event}: a repository or organisation webhook for {@code issues} events (opened,
 * labeled, closed...). GitHub signs the body with HMAC-SHA256 under the webhook secret ({@code
 * X-Hub-Signature-256: sha256=<hex>}, compared in constant time) and names each delivery in {@code
 * X-GitHub-Delivery}, the de-duplication key (a redelivery repeats it). GitHub sends no timestamp, so replays
 * are refused by that id alone. The event is flat for filters: {@code action}, {@code label} (the label that
 * was added or removed) and {@code issue.labels}, so a workflow can start on "labeled with bug" with a
 * condition on {@code trigger.label}. The {@code ping} GitHub sends when the hook is created passes as an event
 * with action {@code ping}.
 */
final class GitHubIssueTrigger implements WebhookTrigger {
    /** {@code sha256=} hex of HMAC-SHA256 over the body. */
    static final WebhookSignature SIGNATURE =
            WebhookSignature.hex("X-Hub-Signature-256", WebhookSignature.Algorithm.SHA256, "sha256=");

    private final Clock clock;

    GitHubIssueTrigger(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "An issues event from a GitHub webhook")
    record Event(
            @Schema(description = "X-GitHub-Delivery, unique per delivery")
            String deliveryId,

            @Schema(description = "opened, edited, closed, reopened, labeled, unlabeled, assigned... or ping")
            String action,

            @Schema(description = "For labeled and unlabeled: the label's name") @Nullable
            String label,

            @Schema(description = "The issue (absent for ping)")
            GitHubIssues.@Nullable Issue issue,

            @Schema(description = "owner/name of the repository") @Nullable
            String repository,

            @Schema(description = "The login of who did it") @Nullable
            String sender) {}

    @Override
    public String id() {
        return "github.issue_event";
    }

    @Override
    public String name() {
        return "GitHub issue event";
    }

    @Override
    public String description() {
        return "Starts when an issue is opened, labeled, closed or otherwise changed in a repository.";
    }

    @Override
    public Class<Event> eventType() {
        return Event.class;
    }

    @Override
    public TriggerEvent verify(Map<String, List<String>> headers, byte[] body, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        SIGNATURE.verify(headers, secret, body);
        String delivery = WebhookSignature.header(headers, "X-GitHub-Delivery");
        if (delivery == null || delivery.isBlank() || delivery.length() > 100) {
            throw new WebhookRefusal(Reason.MALFORMED, "the X-GitHub-Delivery header is missing");
        }
        String kind = WebhookSignature.header(headers, "X-GitHub-Event");
        if (!"issues".equals(kind) && !"ping".equals(kind)) {
            throw new WebhookRefusal(Reason.MALFORMED, "only issues events are handled, not " + kind);
        }
        JsonNode json;
        try {
            json = GitHubApi.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRefusal(Reason.MALFORMED, "the body is not JSON");
        }
        JsonNode issue = json.get("issue");
        Event e = new Event(
                delivery.strip(),
                "ping".equals(kind) ? "ping" : json.path("action").asString(""),
                GitHubApi.text(json.path("label").get("name")),
                issue == null || !issue.isObject() ? null : GitHubIssues.Issue.of(issue),
                GitHubApi.text(json.path("repository").get("full_name")),
                GitHubApi.text(json.path("sender").get("login")));
        return new TriggerEvent(delivery.strip(), clock.instant(), GitHubApi.JSON.valueToTree(e));
    }
}
