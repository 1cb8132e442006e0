/**
 * The assistant: conversations, the tools it may call, approvals and undo, and the offline mode that needs no AI
 * key. Sub-packages are internal to the module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistant")
package dev.atom.assistant;
