package dev.atom.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what can never sign anyone in again: expired or revoked refresh tokens, used or expired
 * invitations and expired browser sessions. Runs every hour on every instance (the deletes are idempotent);
 * used refresh tokens that are still within their lifetime stay, since reuse detection needs them.
 */
@Component
class IdentityHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(IdentityHousekeeping.class);

    private final RefreshTokenRepository refreshTokens;
    private final InvitationRepository invitations;
    private final WebSessionRepository sessions;
    private final Clock clock;

    IdentityHousekeeping(
            RefreshTokenRepository refreshTokens,
            InvitationRepository invitations,
            WebSessionRepository sessions,
            Clock clock) {
        this.refreshTokens = refreshTokens;
        this.invitations = invitations;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** How many rows one sweep deleted. */
    record Swept(int refreshTokens, int invitations, int sessions) {}

    @Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    void sweepNow() {
        Swept swept = sweep(clock.instant());
        if (swept.refreshTokens() + swept.invitations() + swept.sessions() > 0) {
            log.info(
                    "Identity housekeeping deleted {} refresh token(s), {} invitation(s) and {} session(s)",
                    swept.refreshTokens(),
                    swept.invitations(),
                    swept.sessions());
        }
    }

    Swept sweep(Instant now) {
        return new Swept(
                refreshTokens.deleteExpiredOrRevoked(now),
                invitations.deleteUsedOrExpired(now),
                sessions.deleteExpired(now));
    }
}
