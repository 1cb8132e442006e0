/**
 * The one tool model for the assistant, MCP and plain-language automations: a {@link Tool} has a name, a
 * description, a JSON Schema for its input and an {@link Tool.Effect} that decides whether it runs at once or waits
 * for approval. Modules contribute tools as beans (the workspace its tasks, calendar, inbox, search and briefing;
 * workflows its list/run/show-run; the assistant wraps every connector action); the assistant and MCP find them
 * through {@link ToolCatalog}. This module holds only the contract and depends on nothing but {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tools")
package dev.atom.tools;
