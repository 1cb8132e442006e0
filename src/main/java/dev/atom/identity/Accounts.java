package dev.atom.identity;

/**
 * Sign-up and password checks, shared by the JSON API and the browser pages so both get the same rules,
 * throttling and audit events.
 */
public interface Accounts {

    /** What a sign-up form or request carries; {@code inviteToken} may be null. */
    record NewAccount(String email, String password, String name, String inviteToken) {}

    /**
     * Creates an account and returns it acting in its workspace: a new one it owns, or the inviting workspace
     * when an invitation token was given. Throws {@link dev.atom.shared.web.ApiException}: 400 naming each bad
     * field, 403 when sign-up needs an invitation and none valid was given, 409 when the email is taken.
     */
    CurrentUser signUp(NewAccount account, String clientIp);

    /**
     * Checks an email and password. Throws a 401 {@link dev.atom.shared.web.ApiException} that is the same for an
     * unknown email and a wrong password, or {@link TooManyAttemptsException} while the email or client address
     * is locked after repeated failures.
     */
    CurrentUser logIn(String email, String password, String clientIp);
}
