package dev.atom.workspace.search;

import dev.atom.identity.CurrentUser;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search}: one search over everything the caller may see in their workspace. */
@RestController
class SearchApiController {
    private final SearchService service;

    SearchApiController(SearchService service) {
        this.service = service;
    }

    /** The answer: hits best first, the cursor of the next page (null on the last), and whether still indexing. */
    record Page(List<HitJson> hits, String nextCursor, boolean indexing) {}

    record HitJson(String type, String id, String title, String snippet, String source, String time, String link) {}

    @GetMapping("/api/v1/search")
    Page search(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) List<String> types,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        SearchParams params = SearchParams.parse(q, types, source, from, to, limit, cursor);
        return of(service.search(user, params));
    }

    static Page of(SearchResult result) {
        List<HitJson> hits = result.hits().stream()
                .map(h -> new HitJson(
                        h.type(),
                        h.id(),
                        h.title(),
                        h.snippet(),
                        h.source(),
                        h.time() == null ? null : h.time().toString(),
                        h.link()))
                .toList();
        return new Page(hits, SearchParams.nextCursor(result), result.indexing());
    }
}
