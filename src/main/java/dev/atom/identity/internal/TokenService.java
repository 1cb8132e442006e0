package dev.atom.identity.internal;

import dev.atom.identity.BearerTokens;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.internal.RefreshTokenRepository.RefreshToken;
import dev.atom.identity.internal.UserRepository.UserRow;
import dev.atom.identity.internal.WorkspaceRepository.MyWorkspace;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Access and refresh tokens of the JSON API, and the authentication of bearer tokens. Refresh tokens rotate
 * on every use; presenting one that was used already means it leaked, so its whole family is revoked.
 */
@Service
class TokenService implements BearerTokens {
    private final AccessTokens accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final ApiTokenService apiTokens;
    private final UserRepository users;
    private final WorkspaceRepository workspaceRows;
    private final WorkspaceService workspaces;
    private final IdentityProperties properties;
    private final AuditTrail audit;
    private final CallerCache callers;
    private final Clock clock;

    TokenService(
            AccessTokens accessTokens,
            RefreshTokenRepository refreshTokens,
            ApiTokenService apiTokens,
            UserRepository users,
            WorkspaceRepository workspaceRows,
            WorkspaceService workspaces,
            IdentityProperties properties,
            AuditTrail audit,
            CallerCache callers,
            Clock clock) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.apiTokens = apiTokens;
        this.users = users;
        this.workspaceRows = workspaceRows;
        this.workspaces = workspaces;
        this.properties = properties;
        this.audit = audit;
        this.callers = callers;
        this.clock = clock;
    }

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    /** Starts a new refresh-token family for a user who just proved their password. */
    TokenPair issue(CurrentUser user) {
        return issue(user.userId(), user.workspaceId(), Ids.newId());
    }

    TokenPair refresh(String presented, String ip) {
        if (presented == null || presented.isBlank()) {
            throw ApiException.invalid("refreshToken", "is required");
        }
        Instant now = clock.instant();
        RefreshToken token = refreshTokens
                .findByHash(TokenHashing.sha256(presented.strip()))
                .orElseThrow(TokenService::invalidRefreshToken);
        if (token.revokedAt() != null || !token.expiresAt().isAfter(now)) {
            throw invalidRefreshToken();
        }
        if (!refreshTokens.markUsed(token.id(), now)) {
            int revoked = refreshTokens.revokeFamily(token.familyId(), now);
            audit.record(
                    token.workspaceId(),
                    token.userId(),
                    "refresh.reuse_detected",
                    Map.of("familyId", token.familyId(), "revoked", Integer.toString(revoked)),
                    ip);
            throw invalidRefreshToken();
        }
        UserRow user = users.findById(token.userId()).orElseThrow(TokenService::invalidRefreshToken);
        // Stay in the same workspace unless the user was removed from it meanwhile.
        String workspaceId = workspaceRows
                .findForMember(token.workspaceId(), user.id())
                .map(MyWorkspace::id)
                .orElseGet(() -> workspaces.current(user).id());
        return issue(user.id(), workspaceId, token.familyId());
    }

    /** Revokes the family of a refresh token; with only a bearer caller, every refresh token of that user. */
    void logout(String presented, CurrentUser caller, String ip) {
        Instant now = clock.instant();
        if (presented != null && !presented.isBlank()) {
            refreshTokens
                    .findByHash(TokenHashing.sha256(presented.strip()))
                    .filter(t -> caller == null || t.userId().equals(caller.userId()))
                    .ifPresent(t -> {
                        refreshTokens.revokeFamily(t.familyId(), now);
                        audit.record(t.workspaceId(), t.userId(), "auth.logout", Map.of("scope", "family"), ip);
                    });
        } else if (caller != null) {
            refreshTokens.revokeAllOfUser(caller.userId(), now);
            audit.record(caller.workspaceId(), caller.userId(), "auth.logout", Map.of("scope", "user"), ip);
        } else {
            throw ApiException.invalid("refreshToken", "is required");
        }
    }

    @Override
    public Optional<CurrentUser> authenticate(String token, String workspaceHeader) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (token.startsWith(ApiTokenService.PREFIX)) {
            return apiTokens.authenticate(token, workspaceHeader);
        }
        // The signature and claims are checked on every request; only the user and membership lookups are cached.
        return accessTokens.verify(token).flatMap(claims -> {
            String header = workspaceHeader == null ? "" : workspaceHeader.strip();
            String workspaceId = header.isEmpty() ? claims.workspaceId() : header;
            String key = CallerCache.memberKey(claims.userId(), workspaceId);
            CurrentUser cached = callers.members.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
            long seen = callers.members.version();
            Optional<CurrentUser> user = users.findById(claims.userId()).flatMap(u -> {
                if (!workspaceId.equals(claims.workspaceId())) {
                    // Another workspace of the same user: allowed only where they are a member.
                    MyWorkspace other = workspaces.requireMember(workspaceId, u.id());
                    return Optional.of(toCurrentUser(u, other));
                }
                return workspaceRows.findForMember(workspaceId, u.id()).map(ws -> toCurrentUser(u, ws));
            });
            user.ifPresent(u -> callers.members.putIfUnchanged(key, u, seen));
            return user;
        });
    }

    static CurrentUser toCurrentUser(UserRow user, MyWorkspace workspace) {
        return new CurrentUser(user.id(), user.email(), user.name(), workspace.id(), workspace.role());
    }

    private TokenPair issue(String userId, String workspaceId, String familyId) {
        Instant now = clock.instant();
        String refresh = TokenHashing.randomToken();
        refreshTokens.insert(new RefreshToken(
                Ids.newId(),
                TokenHashing.sha256(refresh),
                familyId,
                userId,
                workspaceId,
                now,
                now.plus(properties.refreshTokenTtl()),
                null,
                null));
        return new TokenPair(
                accessTokens.issue(userId, workspaceId),
                refresh,
                "Bearer",
                accessTokens.ttl().toSeconds());
    }

    private static ApiException invalidRefreshToken() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "The refresh token is not valid");
    }
}
