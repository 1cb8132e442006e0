/**
 * Every connector action of the connections a person may use, as assistant tools: {@link
 * dev.atom.connectors.tools.ConnectionActionTools} is the {@link dev.atom.tools.ToolSource}; each call runs through
 * {@link dev.atom.connectors.Connectors#runRecorded} as that person, so it is checked and in the call log.
 */
package dev.atom.connectors.tools;
