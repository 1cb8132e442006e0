package dev.atom.ai.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * A spending limit in micro-dollars for one user ({@code userId} set) or the whole workspace, per UTC day or
 * month. {@code fallbackToCheaper} lets a call the budget refuses move to a cheaper candidate that fits.
 */
public record Budget(
        String id,
        String workspaceId,
        Scope scope,
        String userId,
        Period period,
        long limitMicros,
        boolean fallbackToCheaper,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public enum Scope {
        USER,
        WORKSPACE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Scope> fromWire(String text) {
            for (Scope s : values()) {
                if (s.wire().equals(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public enum Period {
        DAY(DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC)),
        MONTH(DateTimeFormatter.ofPattern("uuuu-MM").withZone(ZoneOffset.UTC));

        private final DateTimeFormatter key;

        Period(DateTimeFormatter key) {
            this.key = key;
        }

        /** The UTC day ({@code 2026-11-24}) or month ({@code 2026-11}) that {@code at} falls in. */
        public String keyOf(Instant at) {
            return key.format(at);
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Period> fromWire(String text) {
            for (Period p : values()) {
                if (p.wire().equals(text)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** The subject column: the user's id for a user budget, '' for the workspace's. */
    String subject() {
        return scope == Scope.USER ? userId : "";
    }

    /** How the budget said why: "the workspace's daily budget" / "your monthly budget". */
    String describe(String callerId) {
        String when = period == Period.DAY ? "daily" : "monthly";
        if (scope == Scope.WORKSPACE) {
            return "the workspace's " + when + " AI budget";
        }
        return userId.equals(callerId) ? "your " + when + " AI budget" : "the user's " + when + " AI budget";
    }
}
