package dev.atom.connectors.onedrive;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.Health;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.SyncFeed;
import dev.atom.connectors.Trigger;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * OneDrive (and the SharePoint libraries shared with the person) through Microsoft Graph: list a folder, search,
 * file details, download, upload, share; a changed-file trigger and the workspace's files feed, both by the
 * drive's delta query. OAuth 2.0 on the Microsoft identity platform; scopes: {@code Files.ReadWrite} (the
 * person's own files: upload and sharing links need write), {@code User.Read} for the health check and {@code
 * offline_access}.
 */
@Component
class OneDriveConnector extends BaseConnector {
    private static final List<Action<?, ?>> ACTIONS = List.of(
            DriveFiles.LIST_CHILDREN,
            DriveFiles.SEARCH,
            DriveFiles.GET_ITEM,
            DriveContent.DOWNLOAD,
            DriveContent.UPLOAD,
            DriveFiles.SHARE);

    OneDriveConnector() {
        super(
                "onedrive",
                "OneDrive",
                MicrosoftGraph.BASE_URL,
                List.of("files"),
                MicrosoftGraph.oauth2("Files.ReadWrite"));
    }

    /** A person's own files: connections are private to whoever made them unless shared on purpose. */
    @Override
    public boolean readsPersonalData() {
        return true;
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(new FileChangedTrigger());
    }

    @Override
    public List<SyncFeed> syncFeeds() {
        return List.of(new DriveFileFeed());
    }

    @Override
    public Health check(ActionContext context) {
        return MicrosoftGraph.me(context);
    }
}
