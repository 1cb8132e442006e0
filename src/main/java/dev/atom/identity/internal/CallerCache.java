package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.cache.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Who a bearer token stands for, remembered for {@link #TTL} so that a busy API client does not cost three
 * queries per request. This instance evicts at once on the changes that take access away (a personal token
 * revoked, a member's role changed or removed); another instance keeps its entry until it expires, so there a
 * revoked token or a removed member may work for at most {@link #TTL} more. Keys are SHA-256 hashes of the
 * tokens, never the tokens themselves. Thread-safe.
 */
@Component
class CallerCache {
    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_SIZE = 10_000;

    /** A personal token's caller; {@code touchedAt} is when last_used_at was last written by this instance. */
    static final class PersonalToken {
        final String tokenId;
        final CurrentUser user;
        volatile Instant touchedAt;

        PersonalToken(String tokenId, CurrentUser user, Instant touchedAt) {
            this.tokenId = tokenId;
            this.user = user;
            this.touchedAt = touchedAt;
        }
    }

    /** token hash -> caller (personal API tokens). */
    final ExpiringCache<String, PersonalToken> personal;
    /** user id + workspace id -> caller (access tokens: the JWT is verified on every request, the rest cached). */
    final ExpiringCache<String, CurrentUser> members;

    CallerCache(Clock clock) {
        this.personal = new ExpiringCache<>(TTL, MAX_SIZE, clock);
        this.members = new ExpiringCache<>(TTL, MAX_SIZE, clock);
    }

    static String memberKey(String userId, String workspaceId) {
        return userId + "|" + workspaceId;
    }

    void tokenRevoked(String tokenId) {
        personal.removeIf(t -> t.tokenId.equals(tokenId));
    }

    /** A membership changed (role, removal): every cached caller of that user in that workspace goes. */
    void membershipChanged(String workspaceId, String userId) {
        personal.removeIf(
                t -> t.user.userId().equals(userId) && t.user.workspaceId().equals(workspaceId));
        members.remove(memberKey(userId, workspaceId));
    }
}
