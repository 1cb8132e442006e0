package dev.atom.assistant.internal.catalog;

import dev.atom.tools.Tool;
import dev.atom.tools.ToolCatalog;
import dev.atom.tools.ToolContext;
import dev.atom.tools.ToolSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The catalog: every {@link Tool} bean and every {@link ToolSource}'s tools that the caller may use, by name
 * (the first of two tools with one name wins, and the clash is logged). {@link #relevant} ranks tools by BM25
 * over their names and descriptions; a catalog no larger than the limit is given whole. Beans are looked up
 * lazily so a tool may itself depend on the catalog. Thread-safe.
 */
@Component
public class BeanToolCatalog implements ToolCatalog {
    private static final Logger log = LoggerFactory.getLogger(BeanToolCatalog.class);

    /** How many BM25 indexes are kept: one per distinct tool set (people with other connections have others). */
    private static final int MAX_INDEXES = 64;

    private final ObjectProvider<Tool> tools;
    private final ObjectProvider<ToolSource> sources;
    /** Indexes by the tool set they index (names and descriptions): building one was a fifth of a turn's work. */
    private final Map<String, Bm25> indexes = new ConcurrentHashMap<>();
    /**
     * The tool and source beans, resolved on first use (they are singletons): resolving them through the bean
     * factory on every turn was a tenth of its work. Racing first uses resolve the same beans.
     */
    private volatile List<Tool> toolBeans;

    private volatile List<ToolSource> sourceBeans;

    BeanToolCatalog(ObjectProvider<Tool> tools, ObjectProvider<ToolSource> sources) {
        this.tools = tools;
        this.sources = sources;
    }

    @Override
    public List<Tool> available(ToolContext context) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        if (sourceBeans == null) {
            toolBeans = tools.orderedStream().toList();
            sourceBeans = sources.orderedStream().toList();
        }
        List<Tool> all = new ArrayList<>(toolBeans);
        sourceBeans.forEach(source -> all.addAll(source.tools(context)));
        for (Tool tool : all) {
            if (!tool.availableTo(context)) {
                continue;
            }
            Tool before = byName.putIfAbsent(tool.name(), tool);
            if (before != null && before != tool) {
                log.warn("two tools are named {}: {} is used, {} is not", tool.name(), before, tool);
            }
        }
        List<Tool> out = new ArrayList<>(byName.values());
        out.sort(Comparator.comparing(Tool::name));
        return out;
    }

    @Override
    public Optional<Tool> find(ToolContext context, String name) {
        List<Tool> all = available(context);
        return all.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .or(() -> all.stream().filter(t -> t.aliases().contains(name)).findFirst());
    }

    @Override
    public List<Tool> relevant(ToolContext context, String request, Collection<String> alreadyUsed, int limit) {
        List<Tool> all = available(context);
        if (all.size() <= limit) {
            return all;
        }
        Set<String> used = new HashSet<>(alreadyUsed);
        List<Tool> out = new ArrayList<>();
        all.stream().filter(t -> used.contains(t.name())).limit(limit).forEach(out::add);
        for (int hit : index(all).search(request)) {
            if (out.size() >= limit) {
                break;
            }
            Tool tool = all.get(hit);
            if (!used.contains(tool.name())) {
                out.add(tool);
            }
        }
        return out;
    }

    /** The BM25 index of exactly these tools, built once per tool set; never mutated once built, so shared. */
    private Bm25 index(List<Tool> all) {
        StringBuilder key = new StringBuilder();
        for (Tool tool : all) {
            key.append(tool.name()).append('\u0000').append(tool.description()).append('\u0001');
        }
        Bm25 index = indexes.get(key.toString());
        if (index == null) {
            index = new Bm25();
            for (Tool tool : all) {
                index.add(tool.name(), tool.description());
            }
            if (indexes.size() >= MAX_INDEXES) {
                indexes.clear(); // rare: many distinct tool sets; rebuilding is only slower, never wrong
            }
            indexes.put(key.toString(), index);
        }
        return index;
    }

    int cachedIndexes() {
        return indexes.size();
    }
}
