package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.internal.ApiTokenRepository.ApiToken;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens ({@code atom_pat_<random>}) for scripts: shown once, stored hashed, acting as their
 * creator in the workspace they were created in, for as long as the creator belongs to it.
 */
@Service
class ApiTokenService {
    static final String PREFIX = "atom_pat_";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final AuditTrail audit;
    private final CallerCache cache;
    private final Clock clock;

    ApiTokenService(
            ApiTokenRepository tokens,
            UserRepository users,
            WorkspaceRepository workspaces,
            AuditTrail audit,
            CallerCache cache,
            Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.workspaces = workspaces;
        this.audit = audit;
        this.cache = cache;
        this.clock = clock;
    }

    record Created(ApiToken token, String secret) {}

    Created create(CurrentUser caller, String rawName, String ip) {
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty()) {
            throw ApiException.invalid("name", "is required");
        }
        if (name.length() > 100) {
            throw ApiException.invalid("name", "must have at most 100 characters");
        }
        String secret = PREFIX + TokenHashing.randomToken();
        ApiToken token = new ApiToken(
                Ids.newId(),
                caller.workspaceId(),
                caller.userId(),
                name,
                secret.substring(0, PREFIX.length() + 4),
                TokenHashing.sha256(secret),
                clock.instant(),
                null);
        tokens.insert(token);
        audit.record(
                caller.workspaceId(),
                caller.userId(),
                "token.created",
                Map.of("tokenId", token.id(), "name", name, "prefix", token.prefix()),
                ip);
        return new Created(token, secret);
    }

    List<ApiToken> list(CurrentUser caller) {
        return tokens.list(caller.workspaceId(), caller.userId());
    }

    void revoke(CurrentUser caller, String id, String ip) {
        if (!Ids.isValid(id) || !tokens.delete(caller.workspaceId(), caller.userId(), id)) {
            throw ApiException.notFound("Token");
        }
        cache.tokenRevoked(id);
        audit.record(caller.workspaceId(), caller.userId(), "token.revoked", Map.of("tokenId", id), ip);
    }

    /**
     * The token's creator in its workspace; a header naming another workspace is answered 404. Served from
     * {@link CallerCache} for a few seconds; last_used_at is written at most once a minute per token.
     */
    Optional<CurrentUser> authenticate(String secret, String workspaceHeader) {
        String hash = TokenHashing.sha256(secret);
        CallerCache.PersonalToken cached = cache.personal.get(hash);
        if (cached == null) {
            long seen = cache.personal.version();
            cached = load(hash).orElse(null);
            if (cached == null) {
                return Optional.empty();
            }
            cache.personal.putIfUnchanged(hash, cached, seen);
        }
        if (workspaceHeader != null
                && !workspaceHeader.isBlank()
                && !workspaceHeader.strip().equals(cached.user.workspaceId())) {
            throw ApiException.notFound("Workspace");
        }
        Instant now = clock.instant();
        Instant touched = cached.touchedAt;
        if (touched == null || !touched.isAfter(now.minus(TOUCH_INTERVAL))) {
            cached.touchedAt = now;
            tokens.touch(cached.tokenId, now, now.minus(TOUCH_INTERVAL));
        }
        return Optional.of(cached.user);
    }

    private Optional<CallerCache.PersonalToken> load(String hash) {
        Optional<ApiToken> found = tokens.findByHash(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        return users.findById(token.userId())
                .flatMap(u -> workspaces
                        .findForMember(token.workspaceId(), u.id())
                        .map(ws -> TokenService.toCurrentUser(u, ws)))
                .map(user -> new CallerCache.PersonalToken(token.id(), user, token.lastUsedAt()));
    }
}
