package dev.atom.connectors;

/**
 * The result of a health check: the account the credentials belong to when the service says (a user name,
 * a team), and a short note for the user.
 */
public record Health(String account, String note) {
    public static Health ok(String account) {
        return new Health(account, null);
    }
}
