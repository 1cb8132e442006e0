package dev.atom.ai.catalog;

/** What a model can do; routing keeps only models with every capability a request needs. */
public enum Capability {
    TOOLS,
    VISION,
    JSON_SCHEMA,
    EMBEDDINGS,
    STREAMING
}
