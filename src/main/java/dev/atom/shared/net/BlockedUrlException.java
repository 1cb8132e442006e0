package dev.atom.shared.net;

/**
 * A URL the {@link SsrfGuard} refuses to call. The message is written for the user who supplied the URL
 * (it names no internal address), and {@link #reason()} says which rule refused it.
 */
public class BlockedUrlException extends Exception {
    /** Which rule refused the URL. */
    public enum Reason {
        MALFORMED,
        SCHEME,
        USERINFO,
        HOST,
        FORBIDDEN_ADDRESS,
        UNRESOLVED,
        TOO_MANY_REDIRECTS
    }

    private final Reason reason;

    public BlockedUrlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
