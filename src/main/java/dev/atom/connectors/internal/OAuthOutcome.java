package dev.atom.connectors.internal;

/**
 * The sentence the Connections page shows for an OAuth outcome code (set by {@link OAuthController} on its
 * redirect). Only fixed sentences, the connector's own name and an RFC 6749 error code are shown, so a
 * crafted link cannot put words on the page.
 */
record OAuthOutcome(boolean ok, String message) {

    static OAuthOutcome of(String code, String connectorId, String error, ConnectorRegistry registry) {
        if (code == null) {
            return null;
        }
        String name = connectorId == null
                ? "The service"
                : registry.connector(connectorId).map(c -> c.name()).orElse("The service");
        String prefix = connectorId == null ? "ATOM_<SERVICE>_" : ConnectorSettings.prefix(connectorId);
        String shownError = error != null && error.matches("[a-z_]{1,40}") ? " (" + error + ")" : "";
        return switch (code) {
            case "connected" -> new OAuthOutcome(true, "Connected " + name + ".");
            case "denied" ->
                new OAuthOutcome(
                        false, name + " was not connected: access was declined at the provider" + shownError + ".");
            case "provider_error" ->
                new OAuthOutcome(false, name + " answered with an error" + shownError + "; nothing was connected.");
            case "unknown_state" ->
                new OAuthOutcome(false, "This sign-in answer is unknown or was already used; start connecting again.");
            case "wrong_user" ->
                new OAuthOutcome(
                        false, "This sign-in was started by another user; start connecting again from your account.");
            case "expired" -> new OAuthOutcome(false, "The sign-in took more than 10 minutes; start connecting again.");
            case "exchange_failed" ->
                new OAuthOutcome(
                        false,
                        name + " did not accept the sign-in (the code exchange failed); try again, and tell your"
                                + " operator if it keeps failing.");
            case "not_configured" -> new OAuthOutcome(false, OAuthFlow.notConfigured(name, prefix) + ".");
            case "unknown" -> new OAuthOutcome(false, "There is no such service.");
            default -> new OAuthOutcome(false, "Connecting failed; try again.");
        };
    }
}
