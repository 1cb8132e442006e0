package dev.atom.connectors.github;

import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import dev.atom.connectors.WebhookRefusal;
import dev.atom.connectors.WebhookRefusal.Reason;
import dev.atom.connectors.WebhookTrigger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
        String signature = header(headers, "x-hub-signature-256");
        if (signature == null || signature.isBlank()) {
            throw new WebhookRefusal(Reason.MISSING_SIGNATURE, "the X-Hub-Signature-256 header is missing");
        }
        byte[] given;
        try {
            String s = signature.strip();
            given = s.startsWith("sha256=") ? HexFormat.of().parseHex(s.substring(7)) : new byte[0];
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(sign(secret, body), given)) {
            throw new WebhookRefusal(Reason.BAD_SIGNATURE, "the signature does not match the body and secret");
        }
        String delivery = header(headers, "x-github-delivery");
        if (delivery == null || delivery.isBlank() || delivery.length() > 100) {
            throw new WebhookRefusal(Reason.MALFORMED, "the X-GitHub-Delivery header is missing");
        }
        String kind = header(headers, "x-github-event");
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

    /** HMAC-SHA256 of the body under the secret; also what GitHub computes. */
    static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().getFirst();
            }
        }
        return null;
    }
}
