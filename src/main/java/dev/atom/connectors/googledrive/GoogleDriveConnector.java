package dev.atom.connectors.googledrive;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.google.GoogleApi;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Google Drive: search, download (Google Docs exported), upload and share. The scope is drive: searching,
 * downloading and sharing files Atom did not create needs it (drive.file sees only Atom's own files, and
 * drive.readonly cannot upload or share).
 */
@Component
class GoogleDriveConnector extends BaseConnector {
    static final String SCOPE = "https://www.googleapis.com/auth/drive";
    private static final SyncFeed FEED = new DriveFileFeed();

    GoogleDriveConnector() {
        super(
                "google-drive",
                "Google Drive",
                "https://www.googleapis.com/drive/v3",
                List.of("files", "productivity"),
                GoogleApi.oauth(SCOPE));
    }

    /** A person's own data: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of(DriveFiles.SEARCH, DriveDownload.DOWNLOAD, DriveUpload.UPLOAD, DriveFiles.SHARE);
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(FEED);
    }

    /** about.get with only the user: cheap, and names the account. */
    @Override
    public Health check(ActionContext context) {
        var about = GoogleApi.get(context, context.baseUrl() + "/about?fields=user", null);
        return Health.ok(GoogleApi.text(about.path("user"), "emailAddress"));
    }

    /**
     * The media upload URL beside the base URL: https://www.googleapis.com/drive/v3 becomes
     * https://www.googleapis.com/upload/drive/v3 (and the same for an operator's or a test's base URL).
     */
    static String uploadBase(ActionContext context) {
        String base = context.baseUrl();
        int at = base.lastIndexOf("/drive/v3");
        return at < 0 ? base + "/upload" : base.substring(0, at) + "/upload" + base.substring(at);
    }
}
