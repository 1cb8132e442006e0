package dev.atom.tools;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Every tool a caller may use, and the few that matter for one request (so 200+ never fill the context). */
public interface ToolCatalog {

    /** All tools available to the caller, in a stable order. */
    List<Tool> available(ToolContext context);

    /** By name or a former name ({@link Tool#aliases()}), if it exists and the caller may use it. */
    Optional<Tool> find(ToolContext context, String name);

    /**
     * At most {@code limit} tools relevant to {@code request} (retrieval over names and descriptions), always
     * including those named in {@code alreadyUsed} that are still available.
     */
    List<Tool> relevant(ToolContext context, String request, Collection<String> alreadyUsed, int limit);
}
