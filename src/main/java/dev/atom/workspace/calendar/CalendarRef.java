package dev.atom.workspace.calendar;

/**
 * A calendar as the API shows it: {@code id} is {@code <connection>:<calendar>} for synced ones and {@code local}
 * for Atom's own; {@code connection} is null for local.
 */
record CalendarRef(String id, String name, String color, String connection, String connector) {
    static final String LOCAL = "local";
    static final CalendarRef LOCAL_CALENDAR = new CalendarRef(LOCAL, "Atom", "#7c6cf2", null, null);

    static String id(String connectionId, String calendarId) {
        return connectionId + ":" + calendarId;
    }
}
