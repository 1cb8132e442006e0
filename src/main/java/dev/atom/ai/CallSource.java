package dev.atom.ai;

/** What in Atom made an AI call; recorded on every ledger row. */
public enum CallSource {
    API_CLIENT,
    CHAT,
    WORKFLOW,
    KEY_TEST
}
