package dev.atom.identity.internal;

import java.util.Locale;

/** Email addresses are compared and stored trimmed and lower-cased. */
final class Emails {
    private Emails() {}

    static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** A light check (one @, something on both sides, no spaces): the real check is an invitation or a login. */
    static boolean looksValid(String email) {
        int at = email.indexOf('@');
        return email.length() <= 254
                && at > 0
                && at == email.lastIndexOf('@')
                && at < email.length() - 1
                && email.chars().noneMatch(Character::isWhitespace);
    }
}
