package dev.atom.ai.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The models Atom knows, with prices as the shipped data file gives them unless a workspace admin overrode
 * them. Models discovered from openai-compatible servers are included for the workspace that holds the key.
 */
public interface ModelCatalog {

    List<ModelInfo> all(String workspaceId);

    Optional<ModelInfo> find(String workspaceId, String modelId);
}
