package dev.atom.ai.keys;

import dev.atom.ai.AiGatewayException;
import dev.atom.ai.catalog.CatalogService;
import dev.atom.ai.providers.ProviderCredentials;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.secrets.SecretStore;
import dev.atom.shared.Ids;
import dev.atom.shared.audit.AuditEvent;
import dev.atom.shared.cache.ExpiringCache;
import dev.atom.shared.net.BlockedUrlException;
import dev.atom.shared.net.SsrfGuard;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Adds, lists and removes provider keys, and hands routing the usable keys and their decrypted credentials. The
 * key goes to the secret store (owner {@code ai_key:<id>}, purpose {@code api-key}) and nowhere else: not the
 * row, not a log line, not an answer, not an audit detail. Thread-safe (stateless).
 */
@Service
class AiKeyService implements AiKeys {
    static final String PURPOSE = "api-key";

    private final AiKeyRepository keys;
    private final SecretStore secrets;
    /** Decrypted credentials per workspace and key id: a key's row and secret never change, so only deletion evicts. */
    static final Duration CREDENTIALS_TTL = Duration.ofSeconds(10);
    /** A key added or removed on another instance shows up in (or leaves) routing here within this. */
    static final Duration USABLE_TTL = Duration.ofSeconds(5);

    private final SsrfGuard urls;
    private final ExpiringCache<String, ProviderCredentials> credentials;
    /** workspace|user -> the keys routing may use; dropped for the whole workspace when a key is added or removed. */
    private final ExpiringCache<String, List<AiKey>> usable;

    private final ModelDiscovery discovery;
    private final CatalogService catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AiKeyService(
            AiKeyRepository keys,
            SecretStore secrets,
            SsrfGuard urls,
            ModelDiscovery discovery,
            CatalogService catalog,
            ApplicationEventPublisher events,
            Clock clock) {
        this.keys = keys;
        this.secrets = secrets;
        this.urls = urls;
        this.discovery = discovery;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
        this.credentials = new ExpiringCache<>(CREDENTIALS_TTL, 10_000, clock);
        this.usable = new ExpiringCache<>(USABLE_TTL, 10_000, clock);
    }

    static String owner(String keyId) {
        return "ai_key:" + keyId;
    }

    AiKey create(CurrentUser user, JsonNode body, String ip) {
        KeyInput input = KeyInput.parse(body, urls, new FieldErrors());
        if (input.scope() == AiKey.Scope.WORKSPACE) {
            user.require(Role.ADMIN);
        }
        String userId = input.scope() == AiKey.Scope.USER ? user.userId() : null;
        String name = input.name() != null ? input.name() : freeName(user, input);
        if (input.name() != null && keys.nameTaken(user.workspaceId(), input.scope(), userId, name)) {
            throw nameTaken();
        }
        String id = Ids.newId();
        String secretId =
                input.apiKey() == null ? null : secrets.put(user.workspaceId(), owner(id), PURPOSE, input.apiKey());
        AiKey key = new AiKey(
                id,
                user.workspaceId(),
                userId,
                input.scope(),
                input.provider(),
                name,
                KeyInput.mask(input.apiKey()),
                input.baseUrl() == null ? null : URI.create(input.baseUrl()),
                input.deployment(),
                input.apiVersion(),
                secretId,
                clock.instant());
        try {
            keys.insert(key, user.userId());
        } catch (DuplicateKeyException e) {
            if (secretId != null) {
                secrets.delete(secretId, user.workspaceId());
            }
            throw nameTaken();
        }
        keysChanged(key.workspaceId());
        audit(user, "ai.key.created", key, ip);
        if (key.provider().equals(Providers.OPENAI_COMPATIBLE)) {
            try {
                credentials(key).ifPresent(c -> discovery.discover(key, c));
            } catch (AiGatewayException e) {
                // the base URL is refused now (it passed a moment ago): no models to discover
            }
        }
        return key;
    }

    List<AiKey> list(CurrentUser user) {
        return keys.usableBy(user.workspaceId(), user.userId());
    }

    /** The key if the caller may see it (own user key or a workspace key); 404 otherwise. */
    AiKey visible(CurrentUser user, String id) {
        if (!Ids.isValid(id)) {
            throw ApiException.notFound("AI key");
        }
        return keys.find(user.workspaceId(), id)
                .filter(k -> k.scope() == AiKey.Scope.WORKSPACE || user.userId().equals(k.userId()))
                .orElseThrow(() -> ApiException.notFound("AI key"));
    }

    void delete(CurrentUser user, String id, String ip) {
        AiKey key = visible(user, id);
        if (key.scope() == AiKey.Scope.WORKSPACE) {
            user.require(Role.ADMIN);
        }
        if (!keys.delete(user.workspaceId(), key.id())) {
            throw ApiException.notFound("AI key");
        }
        credentials.remove(key.workspaceId() + "|" + key.id());
        keysChanged(key.workspaceId());
        if (key.secretId() != null) {
            secrets.delete(key.secretId(), key.workspaceId());
        }
        catalog.invalidate(key.workspaceId());
        audit(user, "ai.key.deleted", key, ip);
    }

    @Override
    public List<AiKey> usableBy(String workspaceId, String userId) {
        return usable.computeIfAbsent(workspaceId + "|" + userId, k -> List.copyOf(keys.usableBy(workspaceId, userId)));
    }

    private void keysChanged(String workspaceId) {
        String prefix = workspaceId + "|";
        usable.removeKeys(k -> k.startsWith(prefix));
    }

    /**
     * Decrypted once per {@link #CREDENTIALS_TTL} per key (a query and an AES-GCM decryption otherwise); evicted
     * here at once when the key is deleted, so another instance may still use a deleted key for at most that
     * long. A base URL other than the provider's official one is checked by the SSRF guard on every call: the
     * guard resolves the name, and the JDK's resolver cache (30 s) hands the HTTP client that same answer.
     */
    @Override
    public Optional<ProviderCredentials> credentials(AiKey key) {
        String cacheKey = key.workspaceId() + "|" + key.id(); // never served across workspaces
        ProviderCredentials c = credentials.get(cacheKey);
        if (c == null) {
            long seen = credentials.version();
            c = load(key).orElse(null);
            if (c == null) {
                return Optional.empty();
            }
            credentials.putIfUnchanged(cacheKey, c, seen);
        }
        if (c.baseUrl() != null && !c.baseUrl().equals(officialBaseUrl(c.provider()))) {
            try {
                urls.check(c.baseUrl());
            } catch (BlockedUrlException e) {
                if (e.reason() == BlockedUrlException.Reason.UNRESOLVED) {
                    return Optional.of(c); // nothing to connect to: the call fails as unreachable
                }
                throw new AiGatewayException(
                        502,
                        "api_error",
                        "base_url_blocked",
                        "The base URL of key \"" + key.name() + "\" " + e.getMessage() + ".");
            }
        }
        return Optional.of(c);
    }

    private Optional<ProviderCredentials> load(AiKey key) {
        Optional<AiKey> current = keys.find(key.workspaceId(), key.id());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        AiKey k = current.get();
        String apiKey = null;
        if (k.secretId() != null) {
            Optional<String> secret = secrets.get(k.secretId(), k.workspaceId(), owner(k.id()), PURPOSE);
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            apiKey = secret.get();
        }
        URI baseUrl = k.baseUrl() != null ? k.baseUrl() : officialBaseUrl(k.provider());
        return Optional.of(new ProviderCredentials(
                k.id(), k.provider(), apiKey, baseUrl, k.azureDeployment(), k.azureApiVersion()));
    }

    private static URI officialBaseUrl(String provider) {
        return Providers.find(provider).map(ProviderInfo::defaultBaseUrl).orElse(null);
    }

    /** The provider's name, or "name 2", "name 3"... when the owner already has a key called that. */
    private String freeName(CurrentUser user, KeyInput input) {
        String base = Providers.get(input.provider()).name();
        String userId = input.scope() == AiKey.Scope.USER ? user.userId() : null;
        String name = base;
        for (int n = 2; keys.nameTaken(user.workspaceId(), input.scope(), userId, name); n++) {
            name = base + " " + n;
        }
        return name;
    }

    private static ApiException nameTaken() {
        return new ApiException(
                HttpStatus.CONFLICT,
                "conflict",
                "A key with this name already exists",
                List.of(new ApiException.FieldError("name", "is already used by another of your keys")));
    }

    private void audit(CurrentUser user, String type, AiKey key, String ip) {
        events.publishEvent(new AuditEvent(
                user.workspaceId(),
                user.userId(),
                type,
                Map.of(
                        "keyId", key.id(),
                        "provider", key.provider(),
                        "scope", key.scope().name().toLowerCase(java.util.Locale.ROOT),
                        "name", key.name()),
                ip));
    }
}
