package dev.atom.connectors;

/** Why a webhook delivery was refused; the message is safe to answer to the sender. */
public class WebhookRefusal extends RuntimeException {
    /** The precise reason, for the sender (as 401/400/409) and the logs. */
    public enum Reason {
        MISSING_SIGNATURE,
        BAD_SIGNATURE,
        MISSING_TIMESTAMP,
        STALE_TIMESTAMP,
        REPLAYED,
        MALFORMED
    }

    private final Reason reason;

    public WebhookRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
