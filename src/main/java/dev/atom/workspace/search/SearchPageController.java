package dev.atom.workspace.search;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page: {@code /search?q=} (the header box on every page submits here) and its results fragment,
 * which htmx fetches as the user types. Hits are grouped by type (best group first) or narrowed to one type.
 */
@Controller
class SearchPageController {
    static final List<TypeFilter> FILTERS = List.of(
            new TypeFilter("", "All"),
            new TypeFilter("task", "Tasks"),
            new TypeFilter("message", "Messages"),
            new TypeFilter("event", "Events"),
            new TypeFilter("file", "Files"),
            new TypeFilter("issue", "Issues"),
            new TypeFilter("page", "Pages"),
            new TypeFilter("workflow", "Workflows"),
            new TypeFilter("run", "Runs"));

    private final SearchService service;

    SearchPageController(SearchService service) {
        this.service = service;
    }

    record TypeFilter(String value, String label) {}

    record HitView(String type, String title, String snippet, String source, ZonedDateTime time, String link) {}

    record Group(String type, String label, List<HitView> hits) {}

    @GetMapping("/search")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String cursor,
            Model model) {
        results(user, q, type, cursor, model);
        model.addAttribute("searchQuery", q);
        return "search/page";
    }

    @GetMapping("/search/results")
    String results(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String cursor,
            Model model) {
        String chosen = type == null || type.isBlank() ? "" : type.strip();
        model.addAttribute("q", q);
        model.addAttribute("type", chosen);
        model.addAttribute("typeFilters", FILTERS);
        model.addAttribute("groups", List.of());
        model.addAttribute("indexing", false);
        model.addAttribute("nextCursor", null);
        model.addAttribute("error", null);
        if (q == null || q.isBlank()) {
            return "search/fragments :: results";
        }
        try {
            SearchParams params =
                    SearchParams.parse(q, chosen.isEmpty() ? null : List.of(chosen), null, null, null, "50", cursor);
            SearchResult result = service.search(user, params);
            model.addAttribute("groups", groups(result.hits()));
            model.addAttribute("indexing", result.indexing());
            model.addAttribute("nextCursor", SearchParams.nextCursor(result));
        } catch (ApiException e) {
            model.addAttribute("error", describe(e));
        }
        return "search/fragments :: results";
    }

    private static List<Group> groups(List<SearchResult.Hit> hits) {
        Map<String, List<HitView>> byType = new LinkedHashMap<>();
        for (SearchResult.Hit h : hits) {
            byType.computeIfAbsent(h.type(), k -> new ArrayList<>())
                    .add(new HitView(
                            h.type(),
                            h.title() == null ? "" : h.title(),
                            h.snippet() == null ? "" : h.snippet(),
                            h.source(),
                            h.time() == null ? null : h.time().atZone(ZoneOffset.UTC),
                            h.link() == null ? "#" : h.link()));
        }
        List<Group> groups = new ArrayList<>();
        byType.forEach((type, list) -> groups.add(new Group(type, label(type), list)));
        return groups;
    }

    private static String label(String type) {
        return FILTERS.stream()
                .filter(f -> f.value().equals(type))
                .map(TypeFilter::label)
                .findFirst()
                .orElse(type);
    }

    private static String describe(ApiException e) {
        if (e.errors().isEmpty()) {
            return "That search could not be run.";
        }
        ApiException.FieldError first = e.errors().getFirst();
        return ("q".equals(first.field()) ? "Search " : first.field() + " ") + first.message() + ".";
    }
}
