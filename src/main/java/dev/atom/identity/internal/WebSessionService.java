package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.WebSessions;
import dev.atom.identity.internal.WebSessionRepository.WebSession;
import dev.atom.identity.internal.WorkspaceRepository.MyWorkspace;
import dev.atom.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Browser sessions with a sliding expiry: a session ends after {@code sessionIdle} without a request, and
 * at the latest {@code sessionMax} after sign-in. The expiry moves at most once a minute, so a page full of
 * htmx requests does not write on each one.
 */
@Service
class WebSessionService implements WebSessions {
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final WebSessionRepository sessions;
    private final UserRepository users;
    private final WorkspaceRepository workspaceRows;
    private final WorkspaceService workspaces;
    private final IdentityProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    WebSessionService(
            WebSessionRepository sessions,
            UserRepository users,
            WorkspaceRepository workspaceRows,
            WorkspaceService workspaces,
            IdentityProperties properties,
            AuditTrail audit,
            Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.workspaceRows = workspaceRows;
        this.workspaces = workspaces;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Opened open(CurrentUser user, String clientIp) {
        Instant now = clock.instant();
        String value = TokenHashing.randomToken();
        sessions.insert(new WebSession(
                Ids.newId(),
                TokenHashing.sha256(value),
                user.userId(),
                user.workspaceId(),
                now,
                now,
                expiry(now, now)));
        return new Opened(value, properties.sessionMax());
    }

    @Override
    public Optional<CurrentUser> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<WebSession> found = sessions.findByHash(TokenHashing.sha256(cookieValue));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WebSession session = found.get();
        if (!session.expiresAt().isAfter(now)) {
            sessions.deleteByHash(session.tokenHash());
            return Optional.empty();
        }
        if (session.lastSeenAt().isBefore(now.minus(TOUCH_INTERVAL))) {
            sessions.touch(session.id(), now, expiry(session.createdAt(), now));
        }
        return users.findById(session.userId()).map(user -> {
            // Removed from the session's workspace meanwhile: fall back to one they still belong to.
            MyWorkspace workspace = workspaceRows
                    .findForMember(session.workspaceId(), user.id())
                    .orElseGet(() -> workspaces.current(user));
            return TokenService.toCurrentUser(user, workspace);
        });
    }

    @Override
    public void close(String cookieValue, String clientIp) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        String hash = TokenHashing.sha256(cookieValue);
        sessions.findByHash(hash).ifPresent(session -> {
            sessions.deleteByHash(hash);
            audit.record(session.workspaceId(), session.userId(), "auth.logout", Map.of("scope", "session"), clientIp);
        });
    }

    private Instant expiry(Instant createdAt, Instant seenAt) {
        Instant idle = seenAt.plus(properties.sessionIdle());
        Instant max = createdAt.plus(properties.sessionMax());
        return idle.isBefore(max) ? idle : max;
    }
}
