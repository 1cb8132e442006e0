package dev.atom.connectors.internal;

import java.util.Map;

/**
 * Why Atom asks for each OAuth scope, for the Set up panel and the oauth-app API: a person approving an app
 * should know what each permission is used for. Scopes not listed here are shown without a reason. (The
 * connector SPI has no place for this yet; when it gets one, each connector should say it in its own package.)
 */
final class ScopeReasons {
    private static final Map<String, String> REASONS = Map.ofEntries(
            // Slack (bot install)
            Map.entry("chat:write", "post and reply to messages as the Atom bot"),
            Map.entry("channels:read", "list public channels to pick one"),
            Map.entry("groups:read", "list private channels the bot was added to"),
            Map.entry("channels:history", "read public channel messages for the inbox and triggers"),
            Map.entry("groups:history", "read private channel messages the bot can see"),
            Map.entry("im:read", "list direct messages with the bot"),
            Map.entry("im:history", "read direct messages sent to the bot"),
            Map.entry("mpim:read", "list group direct messages the bot is in"),
            Map.entry("mpim:history", "read group direct messages the bot is in"),
            Map.entry("users:read", "show people's names instead of ids"),
            Map.entry("users:read.email", "match Slack people to e-mail addresses (VIPs, briefing)"),
            // GitHub
            Map.entry("repo", "read and write issues of private and public repositories"),
            Map.entry("read:user", "show which GitHub account is connected"),
            // Asana
            Map.entry("default", "Asana's only OAuth scope: the tasks and projects the person can see"),
            // Dropbox
            Map.entry("account_info.read", "show which Dropbox account is connected (health check)"),
            Map.entry("files.metadata.read", "list and search files"),
            Map.entry("files.content.read", "download files"),
            Map.entry("files.content.write", "upload files"),
            Map.entry("sharing.read", "list existing share links"),
            Map.entry("sharing.write", "create share links"),
            // Jira (Atlassian)
            Map.entry("read:jira-work", "read issues, projects and comments"),
            Map.entry("write:jira-work", "create and update issues and comments"),
            Map.entry("read:jira-user", "show people's names and the connected account"),
            // Microsoft Graph and Atlassian: refresh tokens
            Map.entry("offline_access", "keep working when the person is not signed in (a refresh token)"),
            Map.entry("User.Read", "show which Microsoft account is connected (health check)"),
            Map.entry("Mail.ReadWrite", "read, label and move mail for the inbox and workflows"),
            Map.entry("Mail.Send", "send mail the person or a workflow writes"),
            Map.entry("Calendars.ReadWrite", "read the calendar and create or change events"),
            // Google
            Map.entry(
                    "https://www.googleapis.com/auth/gmail.modify",
                    "read, send and label mail (the narrowest Gmail scope that does all three; it cannot delete"
                            + " mail permanently)"),
            Map.entry(
                    "https://www.googleapis.com/auth/calendar.events",
                    "read and write events (not calendar settings or sharing)"),
            Map.entry(
                    "https://www.googleapis.com/auth/calendar.freebusy",
                    "see when the person is busy, to find meeting times"),
            Map.entry(
                    "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
                    "list which calendars the account has (names and colours)"),
            Map.entry("https://www.googleapis.com/auth/drive", "list, search, download, upload and share files"));

    private ScopeReasons() {}

    /** Why the scope is asked for, or null when nobody wrote it down. */
    static String of(String scope) {
        return REASONS.get(scope);
    }
}
