/**
 * The assistant: conversations private to their user, and the turn that lets the person's own model (through
 * {@link dev.atom.ai.AiGateway}) call the tools of every module ({@link dev.atom.tools.Tool}): reads and writes to
 * the person's own data run at once (with undo), every other write waits for approval as an action. Without a key
 * an {@link dev.atom.assistant.OfflineAssistant} (when one is wired in) answers the common requests.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistant")
package dev.atom.assistant;
