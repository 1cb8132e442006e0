package dev.atom.workspace.search;

import static dev.atom.workspace.tools.Inputs.JSON;

import dev.atom.tools.Tool;
import dev.atom.tools.Tool.Effect;
import dev.atom.tools.ToolResult;
import dev.atom.workspace.tools.Inputs;
import dev.atom.workspace.tools.Schemas;
import dev.atom.workspace.tools.ToolCalls;
import dev.atom.workspace.tools.WorkspaceTool;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The assistant's {@code search}: {@link SearchService} over everything the caller may see, as the search API. */
@Configuration(proxyBeanMethods = false)
class SearchTools {

    @Bean
    Tool searchTool(ToolCalls calls, SearchService search) {
        return WorkspaceTool.builder(calls, "search", Effect.READ)
                .description("Searches everything the user may see in Atom: tasks, events, messages, files,"
                        + " issues, pages, workflows and runs. Supports from:name and type:task in the text."
                        + " Returns the best hits with type, id, title, snippet and link.")
                .schema(Schemas.object()
                        .string("q", "What to look for", true)
                        .strings("types", "Only these types: " + String.join(", ", SearchParams.TYPES), 8)
                        .integer("limit", "How many hits at most (default 10)", 1, 30, false)
                        .build())
                .call((user, context, input) -> {
                    List<String> types = Inputs.texts(input, "types");
                    SearchParams params = SearchParams.parse(
                            Inputs.text(input, "q"),
                            types,
                            null,
                            null,
                            null,
                            String.valueOf(Inputs.number(input, "limit", 10)),
                            null);
                    SearchResult result = search.search(user, params);
                    ObjectNode out = JSON.createObjectNode();
                    ArrayNode hits = out.putArray("hits");
                    for (SearchResult.Hit h : result.hits()) {
                        ObjectNode o = hits.addObject();
                        o.put("type", h.type());
                        o.put("id", h.id());
                        o.put("title", h.title());
                        o.put("snippet", ToolCalls.cap(plain(h.snippet()), 300));
                        o.put("source", h.source());
                        o.put("time", h.time() == null ? null : h.time().toString());
                        o.put("link", h.link());
                    }
                    if (result.indexing()) {
                        out.put("note", "The index is still being built: some items may be missing yet");
                    }
                    return new ToolResult.Done(out, "Found " + result.hits().size() + " results", null);
                });
    }

    /** The snippet without its highlight marks and HTML escapes: the model reads plain text. */
    static String plain(String snippet) {
        if (snippet == null) {
            return null;
        }
        return snippet.replace("<mark>", "")
                .replace("</mark>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
