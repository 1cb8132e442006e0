package dev.atom.ai.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The models Atom knows, with prices as the shipped data file gives them unless a workspace admin overrode
 * them. Models discovered from openai-compatible servers are included for the workspace that holds the key:
 * their id is {@code <key name>/<model>}, their provider {@code openai-compatible}, their upstream name the
 * server's own, their prices 0 unless overridden and their context window 0 (unknown). The key that reaches such
 * a model is the caller's usable openai-compatible key of that name (see {@code AiKeys#forModel}).
 */
public interface ModelCatalog {

    List<ModelInfo> all(String workspaceId);

    Optional<ModelInfo> find(String workspaceId, String modelId);

    /**
     * The catalog's models plus the models discovered through the keys this user may use (their own and the
     * workspace's); no other user's key names show. Added by the keys branch.
     */
    List<ModelInfo> forCaller(String workspaceId, String userId);
}
