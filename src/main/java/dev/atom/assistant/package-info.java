/**
 * The assistant: conversations private to their user, and the turn that lets the person's own model (through
 * {@link dev.atom.ai.AiGateway}) call the tools of every module ({@link dev.atom.tools.Tool}): reads and writes to
 * the person's own data run at once (with undo), every other write waits for approval as an action. Without a key
 * an {@link dev.atom.assistant.OfflineAssistant} answers the common requests. Sub-packages are internal to the
 * module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistant")
package dev.atom.assistant;
