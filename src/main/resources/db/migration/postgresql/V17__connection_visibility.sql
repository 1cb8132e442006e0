-- Who may use a connection inside its workspace. The owner is created_by. 'private': only the owner's own
-- requests, workflows and assistant turns use it, and its synced data (mail, calendar details, chats, files) is
-- shown to the owner alone; 'shared': every member may use it. Existing connections of services that read a
-- person's own data become private (the safe reading of who connected them); the others stay usable by all.
ALTER TABLE connections ADD COLUMN visibility TEXT NOT NULL DEFAULT 'shared';
UPDATE connections SET visibility = 'private'
 WHERE connector IN ('gmail', 'google-calendar', 'google-drive', 'outlook', 'email', 'caldav', 'slack', 'dropbox');
