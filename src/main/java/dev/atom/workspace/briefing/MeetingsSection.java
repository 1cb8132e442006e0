package dev.atom.workspace.briefing;

import dev.atom.workspace.calendar.CalendarService;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The day's events from every calendar the viewer sees: their synced calendars (private ones of their own and
 * shared ones, as the calendar page applies it) and Atom's local calendar, with conflicts marked by the
 * calendar. Each links to the calendar's day view, which opens the event.
 */
@Component
class MeetingsSection implements BriefingSection {
    private final CalendarService calendar;

    MeetingsSection(CalendarService calendar) {
        this.calendar = calendar;
    }

    @Override
    public SectionKind kind() {
        return SectionKind.MEETINGS;
    }

    @Override
    public List<BriefingItem.Meeting> items(BriefingRequest request) {
        String day = request.date().toString();
        return calendar
                .agenda(request.workspaceId(), request.viewerId(), request.date(), request.zone())
                .events()
                .stream()
                .limit(request.limit())
                .map(e -> new BriefingItem.Meeting(
                        e.id(),
                        e.title() == null || e.title().isBlank() ? "(no title)" : e.title(),
                        e.start(),
                        e.end(),
                        e.allDay(),
                        e.calendar(),
                        e.location(),
                        e.busy(),
                        e.conflict(),
                        "/calendar?view=day&date=" + day + "&event=" + e.id()))
                .toList();
    }
}
