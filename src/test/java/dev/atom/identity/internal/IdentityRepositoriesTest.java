package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.identity.Members.Member;
import dev.atom.identity.Role;
import dev.atom.identity.internal.ApiTokenRepository.ApiToken;
import dev.atom.identity.internal.InvitationRepository.Invitation;
import dev.atom.identity.internal.RefreshTokenRepository.RefreshToken;
import dev.atom.identity.internal.UserRepository.UserRow;
import dev.atom.identity.internal.WebSessionRepository.WebSession;
import dev.atom.identity.internal.WorkspaceRepository.WorkspaceRow;
import dev.atom.shared.Ids;
import dev.atom.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;

/** The identity repositories on every database: one contract, SQLite and PostgreSQL. */
@ParameterizedClass
@MethodSource("dev.atom.testing.TestDatabases#all")
class IdentityRepositoriesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00.123456Z");

    @Parameter
    TestDatabase db;

    private UserRepository users;
    private WorkspaceRepository workspaces;
    private String ws;
    private UserRow ann;
    private UserRow bob;

    @BeforeEach
    void setUp() {
        users = new UserRepository(db.jdbc());
        workspaces = new WorkspaceRepository(db.jdbc());
        ws = Ids.newId();
        workspaces.insert(new WorkspaceRow(ws, "Team", NOW));
        ann = user("ann");
        bob = user("bob");
        workspaces.addMember(ws, ann.id(), Role.OWNER, NOW);
    }

    private UserRow user(String name) {
        UserRow row = new UserRow(Ids.newId(), name + "-" + Ids.newId() + "@example.test", name, "hash", null, NOW);
        users.insert(row);
        return row;
    }

    @Test
    void usersAreFoundByEmailAndIdAndEmailsAreUnique() {
        assertThat(users.findByEmail(ann.email())).contains(ann);
        assertThat(users.findById(bob.id())).contains(bob);
        assertThat(users.findByEmail("nobody@example.test")).isEmpty();
        assertThat(users.exist()).isTrue();
        users.setDefaultWorkspace(ann.id(), ws);
        assertThat(users.findById(ann.id()).orElseThrow().defaultWorkspaceId()).isEqualTo(ws);
        var twin = new UserRow(Ids.newId(), ann.email(), "twin", "hash", null, NOW);
        assertThatThrownBy(() -> users.insert(twin)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aPersonsTimeZoneIsStoredClearedAndTheirOwn() {
        assertThat(users.timeZone(ann.id())).as("none chosen at sign-up").isEmpty();
        assertThat(users.setTimeZone(ann.id(), "Europe/Berlin")).isTrue();
        assertThat(users.timeZone(ann.id())).contains("Europe/Berlin");
        assertThat(users.timeZone(bob.id())).as("Ann's zone is not Bob's").isEmpty();
        assertThat(users.setTimeZone(ann.id(), "America/Argentina/Buenos_Aires"))
                .isTrue();
        assertThat(users.timeZone(ann.id())).contains("America/Argentina/Buenos_Aires");
        assertThat(users.setTimeZone(ann.id(), null)).isTrue();
        assertThat(users.timeZone(ann.id())).isEmpty();
        assertThat(users.setTimeZone("no-such-user", "UTC")).isFalse();
        assertThat(users.timeZone("no-such-user")).isEmpty();
        assertThat(users.findById(ann.id())).contains(ann);
    }

    @Test
    void membershipsCarryRolesAndCountOwners() {
        assertThat(workspaces.addMember(ws, bob.id(), Role.MEMBER, NOW)).isTrue();
        assertThat(workspaces.addMember(ws, bob.id(), Role.ADMIN, NOW)).isFalse();
        assertThat(workspaces.member(ws, bob.id())).contains(new Member(bob.id(), bob.email(), "bob", Role.MEMBER));
        assertThat(workspaces.members(ws)).extracting(Member::userId).containsExactly(ann.id(), bob.id());
        assertThat(workspaces.findForMember(ws, ann.id()).orElseThrow().role()).isEqualTo(Role.OWNER);
        assertThat(workspaces.listForMember(bob.id())).extracting(w -> w.id()).containsExactly(ws);
        assertThat(workspaces.countOwners(ws)).isEqualTo(1);

        assertThat(workspaces.setRole(ws, bob.id(), Role.OWNER)).isTrue();
        assertThat(workspaces.countOwners(ws)).isEqualTo(2);
        assertThat(workspaces.rename(ws, "Renamed")).isTrue();
        assertThat(workspaces.findForMember(ws, bob.id()).orElseThrow().name()).isEqualTo("Renamed");

        assertThat(workspaces.removeMember(ws, bob.id())).isTrue();
        assertThat(workspaces.removeMember(ws, bob.id())).isFalse();
        assertThat(workspaces.findForMember(ws, bob.id())).isEmpty();
        assertThat(workspaces.findForMember(Ids.newId(), ann.id())).isEmpty();
    }

    @Test
    void refreshTokensAreUsedOnceAndRevokedByFamily() {
        var tokens = new RefreshTokenRepository(db.jdbc());
        String family = Ids.newId();
        var first = refresh(family, "h1");
        var second = refresh(family, "h2");
        var otherFamily = refresh(Ids.newId(), "h3");
        tokens.insert(first);
        tokens.insert(second);
        tokens.insert(otherFamily);

        assertThat(tokens.findByHash("h1")).contains(first);
        assertThat(tokens.markUsed(first.id(), NOW)).isTrue();
        assertThat(tokens.markUsed(first.id(), NOW)).isFalse();
        assertThat(tokens.findByHash("h1").orElseThrow().usedAt()).isEqualTo(NOW);

        assertThat(tokens.revokeFamily(family, NOW)).isEqualTo(2);
        assertThat(tokens.markUsed(second.id(), NOW)).isFalse();
        assertThat(tokens.findByHash("h3").orElseThrow().revokedAt()).isNull();
        assertThat(tokens.revokeAllOfUser(ann.id(), NOW)).isEqualTo(1);
    }

    private RefreshToken refresh(String family, String hash) {
        return new RefreshToken(
                Ids.newId(), hash, family, ann.id(), ws, NOW, NOW.plus(Duration.ofDays(30)), null, null);
    }

    @Test
    void apiTokensBelongToOneUserInOneWorkspace() {
        var tokens = new ApiTokenRepository(db.jdbc());
        var token = new ApiToken(Ids.newId(), ws, ann.id(), "ci", "atom_pat_abcd", "hash-" + ws, NOW, null);
        tokens.insert(token);

        assertThat(tokens.list(ws, ann.id())).containsExactly(token);
        assertThat(tokens.list(ws, bob.id())).isEmpty();
        assertThat(tokens.findByHash("hash-" + ws)).contains(token);
        assertThat(tokens.find(ws, bob.id(), token.id())).isEmpty();

        tokens.touch(token.id(), NOW, NOW.minus(Duration.ofMinutes(1)));
        Instant soon = NOW.plusSeconds(10);
        tokens.touch(token.id(), soon, soon.minus(Duration.ofMinutes(1)));
        assertThat(tokens.find(ws, ann.id(), token.id()).orElseThrow().lastUsedAt())
                .isEqualTo(NOW);

        assertThat(tokens.delete(ws, bob.id(), token.id())).isFalse();
        assertThat(tokens.delete(ws, ann.id(), token.id())).isTrue();
        assertThat(tokens.findByHash("hash-" + ws)).isEmpty();
    }

    @Test
    void webSessionsSlideAndExpire() {
        var sessions = new WebSessionRepository(db.jdbc());
        var session = new WebSession(Ids.newId(), "s-" + ws, ann.id(), ws, NOW, NOW, NOW.plus(Duration.ofDays(7)));
        sessions.insert(session);
        assertThat(sessions.findByHash("s-" + ws)).contains(session);

        Instant later = NOW.plus(Duration.ofDays(3));
        sessions.touch(session.id(), later, later.plus(Duration.ofDays(7)));
        var touched = sessions.findByHash("s-" + ws).orElseThrow();
        assertThat(touched.lastSeenAt()).isEqualTo(later);
        assertThat(touched.expiresAt()).isEqualTo(later.plus(Duration.ofDays(7)));

        assertThat(sessions.deleteExpired(later.plus(Duration.ofDays(6)))).isZero();
        assertThat(sessions.deleteExpired(later.plus(Duration.ofDays(8)))).isEqualTo(1);
        assertThat(sessions.deleteByHash("s-" + ws)).isFalse();
    }

    @Test
    void invitationsArePendingUntilAcceptedOrExpiredAndWorkOnce() {
        var invitations = new InvitationRepository(db.jdbc());
        var live = invitation("live", NOW.plus(Duration.ofDays(7)));
        var expired = invitation("old", NOW.minus(Duration.ofSeconds(1)));
        invitations.insert(live);
        invitations.insert(expired);

        assertThat(invitations.listPending(ws, NOW)).containsExactly(live);
        assertThat(invitations.findByHash("live" + ws)).contains(live);
        assertThat(invitations.markAccepted(live.id(), bob.id(), NOW)).isTrue();
        assertThat(invitations.markAccepted(live.id(), bob.id(), NOW)).isFalse();
        assertThat(invitations.listPending(ws, NOW)).isEmpty();

        assertThat(invitations.delete(Ids.newId(), expired.id())).isFalse();
        assertThat(invitations.delete(ws, expired.id())).isTrue();
    }

    private Invitation invitation(String hash, Instant expiresAt) {
        return new Invitation(
                Ids.newId(),
                ws,
                "guest@example.test",
                Role.ADMIN,
                hash + ws,
                ann.id(),
                NOW.truncatedTo(ChronoUnit.MICROS),
                expiresAt,
                null);
    }

    @Test
    void aSettingIsWrittenOnlyOnce() {
        var settings = new SettingsRepository(db.jdbc());
        String name = "test-" + ws;
        assertThat(settings.get(name)).isEmpty();
        assertThat(settings.putIfAbsent(name, "first")).isTrue();
        assertThat(settings.putIfAbsent(name, "second")).isFalse();
        assertThat(settings.get(name)).contains("first");
    }
}
