package dev.atom.connectors.caldav;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.caldav.CalDavDiscovery.Calendars;
import dev.atom.connectors.caldav.CalDavDiscovery.NoInput;
import dev.atom.connectors.caldav.CalDavEvents.Events;
import dev.atom.connectors.caldav.CalDavEvents.ListInput;
import dev.atom.connectors.caldav.CalDavWrites.CreateInput;
import dev.atom.connectors.caldav.CalDavWrites.DeleteInput;
import dev.atom.connectors.caldav.CalDavWrites.Deleted;
import dev.atom.connectors.caldav.CalDavWrites.Saved;
import dev.atom.connectors.caldav.CalDavWrites.UpdateInput;
import dev.atom.shared.net.SsrfGuard;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Calendars over CalDAV (RFC 4791) with iCalendar (RFC 5545): Nextcloud, iCloud, Fastmail, Radicale, Baïkal,
 * SOGo... Discovery from one server URL (RFC 6764), events in a time range with recurrences expanded, events
 * created, changed and deleted with ETags, free/busy. Every request passes the SSRF guard. Stateless.
 */
@Component
class CalDavConnector extends BaseConnector {
    static final String SERVER_URL = "server_url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";

    private final SsrfGuard guard;
    private final List<Action<?, ?>> actions;

    CalDavConnector(SsrfGuard guard) {
        super(
                "caldav",
                "Calendar (CalDAV)",
                null,
                List.of("calendar", "productivity"),
                new AuthSpec.Basic(List.of(
                        new CredentialField(
                                SERVER_URL,
                                "Server URL",
                                false,
                                true,
                                "https?://\\S+",
                                "e.g. https://caldav.icloud.com or https://cloud.example.com/remote.php/dav"),
                        CredentialField.text(USERNAME, "User name"),
                        new CredentialField(
                                PASSWORD,
                                "Password",
                                true,
                                true,
                                null,
                                "an app password where the provider offers them"))));
        this.guard = guard;
        this.actions = List.of(
                BaseAction.read(
                        "caldav.list_calendars",
                        "List calendars",
                        "Finds the account's calendars (principal, calendar home, then its calendars).",
                        NoInput.class,
                        Calendars.class,
                        (c, in) -> CalDavDiscovery.calendars(dav(c))),
                BaseAction.read(
                        "caldav.list_events",
                        "List events",
                        "Lists the events of a calendar in a time range, recurring ones as their occurrences.",
                        ListInput.class,
                        Events.class,
                        this::listEvents),
                BaseAction.write(
                        "caldav.create_event",
                        "Create an event",
                        "Creates an event (a new UID; never overwrites an existing one).",
                        CreateInput.class,
                        Saved.class,
                        Action.Idempotency.KEY,
                        (c, in) -> {
                            DavClient dav = dav(c);
                            return CalDavWrites.create(c, dav, calendar(dav, in.calendar(), "calendar"), in);
                        }),
                BaseAction.write(
                        "caldav.update_event",
                        "Update an event",
                        "Changes an event's title, times, description or location, if it did not change since"
                                + " it was read (ETag).",
                        UpdateInput.class,
                        Saved.class,
                        Action.Idempotency.NATURAL,
                        (c, in) -> {
                            DavClient dav = dav(c);
                            return CalDavWrites.update(
                                    dav,
                                    calendar(dav, in.href(), "href"),
                                    in,
                                    c.clock().instant());
                        }),
                BaseAction.write(
                        "caldav.delete_event",
                        "Delete an event",
                        "Deletes an event, if it did not change since it was read (ETag).",
                        DeleteInput.class,
                        Deleted.class,
                        Action.Idempotency.NATURAL,
                        (c, in) -> {
                            DavClient dav = dav(c);
                            return CalDavWrites.delete(dav, calendar(dav, in.href(), "href"), in);
                        }),
                BaseAction.read(
                        "caldav.free_busy",
                        "Free/busy",
                        "The busy times of a calendar in a range: the server's free-busy report, or computed from"
                                + " the events when the server has none (the output says which).",
                        CalDavFreeBusy.Input.class,
                        CalDavFreeBusy.Output.class,
                        (c, in) -> {
                            ZoneId zone = Times.zone(in.timeZone(), "timeZone");
                            Instant[] range = CalDavEvents.range(in.start(), in.end(), zone);
                            DavClient dav = dav(c);
                            return CalDavFreeBusy.query(
                                    dav, calendar(dav, in.calendar(), "calendar"), range[0], range[1], zone);
                        }),
                BaseAction.read(
                        "caldav.attendee_free_busy",
                        "Attendees' free/busy",
                        "Other people's busy times on the same server, for finding a time: their calendars'"
                                + " free-busy reports, or computed from the events the account may read.",
                        CalDavAttendeeFreeBusy.Input.class,
                        CalDavAttendeeFreeBusy.Output.class,
                        (c, in) -> {
                            ZoneId zone = Times.zone(in.timeZone(), "timeZone");
                            Instant[] range = CalDavEvents.range(in.start(), in.end(), zone);
                            return CalDavAttendeeFreeBusy.query(dav(c), in.attendees(), range[0], range[1], zone);
                        }));
    }

    private Events listEvents(ActionContext c, ListInput in) {
        ZoneId zone = Times.zone(in.timeZone(), "timeZone");
        Instant[] range = CalDavEvents.range(in.start(), in.end(), zone);
        DavClient dav = dav(c);
        return CalDavEvents.list(dav, calendar(dav, in.calendar(), "calendar"), range[0], range[1], zone);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new CalDavEventsFeed(guard));
    }

    private DavClient dav(ActionContext context) {
        return new DavClient(context, guard);
    }

    /**
     * A calendar or event URL from the input, which must be on the connected server (or where its discovery
     * leads, as iCloud's per-account hosts): the password is sent nowhere else.
     */
    private static URI calendar(DavClient dav, String value, String field) {
        URI uri = dav.resolve(value, field);
        if (DavClient.sameOrigin(uri, dav.server())) {
            return uri;
        }
        URI home = CalDavDiscovery.home(dav, CalDavDiscovery.principal(dav));
        if (DavClient.sameOrigin(uri, home)) {
            return uri;
        }
        throw new ConnectorException.InvalidInput(field, "must be on the connected CalDAV server");
    }

    /** A person's own data: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return actions;
    }

    /** PROPFIND current-user-principal with the credentials: cheap, and names the account. */
    @Override
    public Health check(ActionContext context) {
        URI principal = CalDavDiscovery.principal(dav(context));
        return Health.ok(context.credentials().require(USERNAME) + " (" + principal.getPath() + ")");
    }
}
