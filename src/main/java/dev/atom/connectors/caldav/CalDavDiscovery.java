package dev.atom.connectors.caldav;

import static dev.atom.connectors.caldav.Multistatus.CALDAV;
import static dev.atom.connectors.caldav.Multistatus.DAV;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RFC 6764 and RFC 4791 discovery: the current-user-principal at the server URL (or at /.well-known/caldav
 * when the URL does not say), its calendar-home-set, and the calendar collections in the home. Stateless.
 */
final class CalDavDiscovery {
    private static final String PRINCIPAL = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/></d:prop></d:propfind>";
    private static final String HOME = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
            + "<d:prop><c:calendar-home-set/></d:prop></d:propfind>";
    private static final String CALENDARS = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\""
            + " xmlns:cs=\"http://calendarserver.org/ns/\" xmlns:a=\"http://apple.com/ns/ical/\">"
            + "<d:prop><d:resourcetype/><d:displayname/><c:calendar-description/>"
            + "<c:supported-calendar-component-set/><cs:getctag/><a:calendar-color/></d:prop></d:propfind>";

    private CalDavDiscovery() {}

    @Schema(description = "A calendar collection")
    record Calendar(
            @Schema(description = "Its URL: give it as calendar to the other actions")
            String url,

            @Schema(description = "Its display name") @Nullable
            String name,

            @Schema(description = "Its description") @Nullable
            String description,

            @Schema(description = "Its colour (#RRGGBB), when the server keeps one") @Nullable
            String color,

            @Schema(description = "What it holds: VEVENT, VTODO...")
            List<String> components,

            @Schema(description = "A tag that changes whenever anything in it changes") @Nullable
            String ctag) {}

    record Calendars(
            @Schema(description = "The principal (the account) the credentials belong to")
            String principal,

            @Schema(description = "The calendar home, where the calendars are")
            String home,

            @Schema(description = "The calendars") List<Calendar> calendars) {}

    @Schema(description = "No input")
    record NoInput() {}

    /** The principal URL: what the server URL says, else what /.well-known/caldav says. */
    static URI principal(DavClient dav) {
        URI found = principalAt(dav, dav.server());
        if (found == null) {
            found = principalAt(dav, dav.server().resolve("/.well-known/caldav"));
        }
        if (found == null) {
            throw new ConnectorException.Permanent(
                    0, "the server does not say which principal the account is (is server_url a CalDAV server?)");
        }
        return found;
    }

    private static URI principalAt(DavClient dav, URI url) {
        var response = dav.propfind(url, 0, PRINCIPAL, "server_url");
        if (response.status() == 404 || response.status() == 405 || response.status() == 501) {
            return null;
        }
        dav.checked(response);
        for (var r : Multistatus.parse(response.body()).responses()) {
            String href = r.hrefIn(DAV, "current-user-principal");
            if (href != null) {
                return dav.resolve(href, "server_url");
            }
        }
        return null;
    }

    static URI home(DavClient dav, URI principal) {
        var response = dav.checked(dav.propfind(principal, 0, HOME, "server_url"));
        for (var r : Multistatus.parse(response.body()).responses()) {
            String href = r.hrefIn(CALDAV, "calendar-home-set");
            if (href != null) {
                return principal.resolve(href);
            }
        }
        throw new ConnectorException.Permanent(0, "the server names no calendar home for this account");
    }

    static Calendars calendars(DavClient dav) {
        URI principal = principal(dav);
        URI home = home(dav, principal);
        return new Calendars(principal.toString(), home.toString(), calendarsAt(dav, home));
    }

    /** The calendar collections in a calendar home (the account's own, or another's it may read). */
    static List<Calendar> calendarsAt(DavClient dav, URI home) {
        var response = dav.checked(dav.propfind(home, 1, CALENDARS, "server_url"));
        List<Calendar> calendars = new ArrayList<>();
        for (var r : Multistatus.parse(response.body()).responses()) {
            if (r.href() == null || !r.has(DAV, "resourcetype", CALDAV, "calendar")) {
                continue;
            }
            String color = r.text("http://apple.com/ns/ical/", "calendar-color");
            calendars.add(new Calendar(
                    home.resolve(r.href()).toString(),
                    blankToNull(r.text(DAV, "displayname")),
                    blankToNull(r.text(CALDAV, "calendar-description")),
                    color == null || color.length() < 7 ? blankToNull(color) : color.substring(0, 7),
                    r.childNames(CALDAV, "supported-calendar-component-set"),
                    blankToNull(r.text("http://calendarserver.org/ns/", "getctag"))));
        }
        return calendars;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
