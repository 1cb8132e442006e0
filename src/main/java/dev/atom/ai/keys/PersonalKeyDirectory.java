package dev.atom.ai.keys;

import dev.atom.ai.PersonalKeys;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** {@link PersonalKeys} over the key rows (names and owners only, never a secret). Thread-safe (stateless). */
@Component
class PersonalKeyDirectory implements PersonalKeys {
    private final AiKeyRepository keys;

    PersonalKeyDirectory(AiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public boolean holdsAny(String workspaceId, String userId) {
        return userId != null && keys.personal(workspaceId).stream().anyMatch(k -> userId.equals(k.userId()));
    }

    @Override
    public Set<String> ownersOfKeyNamedBy(String workspaceId, String model) {
        int slash = model == null ? -1 : model.indexOf('/');
        if (slash <= 0) {
            return Set.of();
        }
        String name = model.substring(0, slash).strip().toLowerCase(Locale.ROOT);
        return keys.personal(workspaceId).stream()
                .filter(k -> k.provider().equals(Providers.OPENAI_COMPATIBLE))
                .filter(k -> AiKeyRepository.nameKey(k.name()).equals(name))
                .map(AiKey::userId)
                .collect(Collectors.toSet());
    }
}
