package dev.atom.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A member's role in a workspace, weakest first: each role can do everything the ones before it can. */
public enum Role {
    MEMBER,
    ADMIN,
    OWNER;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String text) {
        return text == null ? null : Role.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
