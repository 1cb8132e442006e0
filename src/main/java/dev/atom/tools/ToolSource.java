package dev.atom.tools;

import java.util.List;

/**
 * A bean that contributes tools that depend on the caller, e.g. one per connector action of the connections the
 * caller may use. Fixed tools are plain {@link Tool} beans instead. The catalog asks every source on each request,
 * so a source answers from memory or one cheap query.
 */
public interface ToolSource {
    List<Tool> tools(ToolContext context);
}
