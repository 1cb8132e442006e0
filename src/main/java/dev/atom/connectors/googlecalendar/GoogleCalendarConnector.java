package dev.atom.connectors.googlecalendar;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import dev.atom.connectors.google.GoogleApi;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Google Calendar: list, create, update and delete events, free/busy, and a changed-events trigger by sync
 * token. Scopes: calendar.events (events, read and write) and calendar.freebusy (free/busy only), narrower
 * than the full calendar scope, which would also allow changing calendars and sharing.
 */
@Component
class GoogleCalendarConnector extends BaseConnector {
    static final String EVENTS_SCOPE = "https://www.googleapis.com/auth/calendar.events";
    static final String FREEBUSY_SCOPE = "https://www.googleapis.com/auth/calendar.freebusy";
    /** Which calendars the account has (names and colours), for the calendar sync; nothing else. */
    static final String CALENDAR_LIST_SCOPE = "https://www.googleapis.com/auth/calendar.calendarlist.readonly";

    GoogleCalendarConnector() {
        super(
                "google-calendar",
                "Google Calendar",
                "https://www.googleapis.com/calendar/v3",
                List.of("calendar", "productivity"),
                GoogleApi.oauth(EVENTS_SCOPE, FREEBUSY_SCOPE, CALENDAR_LIST_SCOPE));
    }

    /** A person's own data: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(
                CalendarEvents.LIST,
                CalendarEvents.CREATE,
                CalendarEvents.UPDATE,
                CalendarEvents.DELETE,
                CalendarFreeBusy.FREE_BUSY);
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(new EventChangedTrigger());
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new GoogleEventsFeed());
    }

    /** One event of the primary calendar: cheap, allowed by the events scope, and names the calendar. */
    @Override
    public Health check(ActionContext context) {
        var page = GoogleApi.get(context, context.baseUrl() + "/calendars/primary/events?maxResults=1", null);
        return Health.ok(GoogleApi.text(page, "summary"));
    }
}
