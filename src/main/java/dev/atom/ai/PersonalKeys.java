package dev.atom.ai;

import java.util.Set;

/**
 * Who holds personal (user-scoped) AI keys, for modules that run AI on someone's behalf: a workflow runs its AI
 * steps as its owner, with the owner's personal keys first, so the workflow module uses this to know when a
 * workflow spends personal keys and to refuse a definition naming someone else's. Thread-safe.
 */
public interface PersonalKeys {

    /** True when the user holds at least one personal key in the workspace. */
    boolean holdsAny(String workspaceId, String userId);

    /**
     * The owners of the personal keys a model name names: {@code <key name>/<model>} is a model of the
     * openai-compatible server behind the key of that name (matched case-insensitively). Empty for other names.
     */
    Set<String> ownersOfKeyNamedBy(String workspaceId, String model);
}
