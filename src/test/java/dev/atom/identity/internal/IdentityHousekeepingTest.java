package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.identity.Role;
import dev.atom.identity.internal.IdentityHousekeeping.Swept;
import dev.atom.identity.internal.InvitationRepository.Invitation;
import dev.atom.identity.internal.RefreshTokenRepository.RefreshToken;
import dev.atom.identity.internal.UserRepository.UserRow;
import dev.atom.identity.internal.WebSessionRepository.WebSession;
import dev.atom.identity.internal.WorkspaceRepository.WorkspaceRow;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The hourly sweep on every database: what can never sign anyone in again goes, everything else stays. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class IdentityHousekeepingTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(1));
    private static final Instant EARLIER = NOW.minus(Duration.ofSeconds(1));

    @Parameter
    TestDatabase db;

    @Test
    void deletesExpiredAndRevokedRefreshTokensUsedOrExpiredInvitationsAndExpiredSessions() {
        var refreshTokens = new RefreshTokenRepository(db.jdbc());
        var invitations = new InvitationRepository(db.jdbc());
        var sessions = new WebSessionRepository(db.jdbc());
        String ws = Ids.newId();
        new WorkspaceRepository(db.jdbc()).insert(new WorkspaceRow(ws, "Team", NOW));
        String user = Ids.newId();
        new UserRepository(db.jdbc()).insert(new UserRow(user, user + "@example.test", "Ann", "hash", ws, NOW));

        refreshTokens.insert(new RefreshToken(Ids.newId(), "r-live", "f1", user, ws, NOW, LATER, null, null));
        refreshTokens.insert(new RefreshToken(Ids.newId(), "r-used", "f1", user, ws, NOW, LATER, NOW, null));
        refreshTokens.insert(new RefreshToken(Ids.newId(), "r-expired", "f2", user, ws, NOW, EARLIER, null, null));
        refreshTokens.insert(new RefreshToken(Ids.newId(), "r-revoked", "f3", user, ws, NOW, LATER, null, null));
        refreshTokens.revokeFamily("f3", NOW);
        invitations.insert(invitation(ws, user, "i-pending", LATER));
        invitations.insert(invitation(ws, user, "i-expired", EARLIER));
        Invitation accepted = invitation(ws, user, "i-accepted", LATER);
        invitations.insert(accepted);
        invitations.markAccepted(accepted.id(), user, NOW);
        sessions.insert(new WebSession(Ids.newId(), "s-live", user, ws, NOW, NOW, LATER));
        sessions.insert(new WebSession(Ids.newId(), "s-expired", user, ws, NOW, NOW, EARLIER));

        var housekeeping =
                new IdentityHousekeeping(refreshTokens, invitations, sessions, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(housekeeping.sweep(NOW)).isEqualTo(new Swept(2, 2, 1));

        assertThat(refreshTokens.findByHash("r-live")).isPresent();
        assertThat(refreshTokens.findByHash("r-used"))
                .as("kept for reuse detection")
                .isPresent();
        assertThat(refreshTokens.findByHash("r-expired")).isEmpty();
        assertThat(refreshTokens.findByHash("r-revoked")).isEmpty();
        assertThat(invitations.findByHash("i-pending")).isPresent();
        assertThat(invitations.findByHash("i-expired")).isEmpty();
        assertThat(invitations.findByHash("i-accepted")).isEmpty();
        assertThat(sessions.findByHash("s-live")).isPresent();
        assertThat(sessions.findByHash("s-expired")).isEmpty();

        housekeeping.sweepNow();
        assertThat(housekeeping.sweep(NOW)).isEqualTo(new Swept(0, 0, 0));
        Instant afterwards = LATER.plusSeconds(1);
        assertThat(refreshTokens.deleteExpiredOrRevoked(afterwards)).isEqualTo(2);
        assertThat(invitations.deleteUsedOrExpired(afterwards)).isEqualTo(1);
        assertThat(sessions.deleteExpired(afterwards)).isEqualTo(1);
    }

    private static Invitation invitation(String ws, String by, String hash, Instant expiresAt) {
        return new Invitation(Ids.newId(), ws, "guest@example.test", Role.MEMBER, hash, by, NOW, expiresAt, null);
    }
}
