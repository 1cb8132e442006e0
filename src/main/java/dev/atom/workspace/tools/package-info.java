/**
 * What the workspace's assistant tools share: the caller as the routes see them ({@link
 * dev.atom.workspace.tools.ToolCalls}), small input schemas ({@link dev.atom.workspace.tools.Schemas}) and the one
 * {@link dev.atom.tools.Tool} shape they are built from ({@link dev.atom.workspace.tools.WorkspaceTool}). The tools
 * themselves live beside the service they call (tasks, calendar, inbox, search, briefing).
 */
package dev.atom.workspace.tools;
