package dev.atom.workspace.briefing;

import dev.atom.ai.CallSource;
import dev.atom.identity.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Makes a person's briefing from every {@link BriefingSection} bean: each section's items are checked, sorted
 * and cut to the limit; a kind without a bean (or none available to the viewer) is marked not available; a source
 * that fails marks its section with the error while the other sources and sections still show. Thread-safe.
 */
@Service
class BriefingService {
    private static final Logger LOG = LoggerFactory.getLogger(BriefingService.class);

    private final List<BriefingSection> sections;
    private final AiSummary ai;
    private final Clock clock;

    BriefingService(List<BriefingSection> sections, AiSummary ai, Clock clock) {
        this.sections = List.copyOf(sections);
        this.ai = ai;
        this.clock = clock;
    }

    /** The person's briefing for the day and zone asked, summarised by their model when asked. */
    Briefing briefing(String workspaceId, String userId, Role role, BriefingParams params, CallSource source) {
        Briefing briefing = make(new BriefingRequest(
                workspaceId, userId, role, params.date(), params.zone(), now(), BriefingRequest.DEFAULT_LIMIT));
        return params.aiSummary()
                ? briefing.withSummary(ai.summarise(briefing, workspaceId, userId, source))
                : briefing;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    Briefing make(BriefingRequest request) {
        Map<SectionKind, List<BriefingItem>> items = new EnumMap<>(SectionKind.class);
        Map<String, Briefing.SectionStatus> statuses = new LinkedHashMap<>();
        for (SectionKind kind : SectionKind.values()) {
            List<BriefingSection> sources =
                    sections.stream().filter(s -> s.kind() == kind).toList();
            List<BriefingItem> found = new ArrayList<>();
            String error = null;
            boolean available = false;
            for (BriefingSection source : sources) {
                try {
                    if (!source.available(request)) {
                        continue;
                    }
                    available = true;
                    for (BriefingItem item : source.items(request)) {
                        if (!kind.itemType().isInstance(item)) {
                            throw new IllegalStateException(source.getClass().getName() + " answered a "
                                    + item.getClass().getSimpleName());
                        }
                        found.add(item);
                    }
                } catch (RuntimeException e) {
                    LOG.warn(
                            "briefing section {} failed ({})",
                            kind.wire(),
                            source.getClass().getName(),
                            e);
                    error = kind.title() + " could not be loaded right now";
                }
            }
            found.sort(kind.order());
            // a failing source does not hide what the others of its kind answered (Atom's tasks when Jira's fail)
            List<BriefingItem> shown = List.copyOf(found.subList(0, Math.min(found.size(), request.limit())));
            items.put(kind, shown);
            statuses.put(
                    kind.wire(),
                    new Briefing.SectionStatus(kind.title(), available || error != null, shown.size(), error));
        }
        List<BriefingItem.Meeting> meetings = cast(items.get(SectionKind.MEETINGS));
        Briefing.SectionStatus calendar = statuses.get(SectionKind.MEETINGS.wire());
        Briefing briefing = new Briefing(
                request.date(),
                request.zone().getId(),
                request.now(),
                meetings,
                calendar.available() && calendar.error() == null ? Gaps.of(meetings, request) : List.of(),
                cast(items.get(SectionKind.TASKS)),
                cast(items.get(SectionKind.MESSAGES)),
                cast(items.get(SectionKind.APPROVALS)),
                cast(items.get(SectionKind.FAILED_RUNS)),
                cast(items.get(SectionKind.CONNECTIONS)),
                statuses,
                null);
        return briefing.withSummary(OfflineSummary.of(briefing));
    }

    @SuppressWarnings("unchecked")
    private static <T extends BriefingItem> List<T> cast(List<BriefingItem> items) {
        return (List<T>) (List<?>) items; // checked against the kind's item type above
    }
}
