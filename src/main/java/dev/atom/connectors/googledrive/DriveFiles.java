package dev.atom.connectors.googledrive;

import static dev.atom.connectors.google.GoogleApi.enc;
import static dev.atom.connectors.google.GoogleApi.query;
import static dev.atom.connectors.google.GoogleApi.text;

import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.LambdaAction;
import dev.atom.connectors.Schema;
import dev.atom.connectors.google.GoogleApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Searching and sharing files. Stateless. */
final class DriveFiles {
    private DriveFiles() {}

    @Schema(description = "A Drive search")
    record SearchInput(
            @Schema(
                    description = "Drive query language; default: everything not in the trash",
                    examples = "\"name contains 'invoice' and mimeType = 'application/pdf' and trashed = false\"")
            @Nullable
            String q,

            @Schema(description = "How many files at most (1-1000, default 50)", minimum = 1, maximum = 1000) @Nullable
            Integer pageSize,

            @Schema(description = "Sort order, e.g. modifiedTime desc") @Nullable
            String orderBy,

            @Schema(description = "The nextPageToken of a previous search, for the next page") @Nullable
            String pageToken) {}

    record SearchOutput(
            @Schema(description = "The files found") List<DriveFile> files,

            @Schema(description = "Pass as pageToken for more; absent on the last page") @Nullable
            String nextPageToken) {}

    enum Role {
        reader,
        commenter,
        writer
    }

    enum Grantee {
        user,
        group,
        domain,
        anyone
    }

    @Schema(description = "Whom to share a file with")
    record ShareInput(
            @Schema(description = "The file id") String fileId,
            @Schema(description = "What they may do") Role role,

            @Schema(description = "user or group (give emailAddress), domain (give domain), or anyone with the link")
            Grantee type,

            @Schema(description = "The user's or group's e-mail address", format = "email") @Nullable
            String emailAddress,

            @Schema(description = "The domain, for type domain", examples = "\"example.com\"") @Nullable
            String domain,

            @Schema(description = "E-mail them about it (users and groups only; default true)") @Nullable
            Boolean sendNotificationEmail,

            @Schema(description = "A note for the notification e-mail") @Nullable
            String message) {}

    record ShareOutput(
            @Schema(description = "The permission's id") String permissionId,
            @Schema(description = "The role granted") String role,
            @Schema(description = "The grantee type") String type) {}

    static final LambdaAction<SearchInput, SearchOutput> SEARCH = BaseAction.read(
            "google-drive.search",
            "Search files",
            "Finds files in Google Drive with Drive's query language (name, type, folder, modified time...).",
            SearchInput.class,
            SearchOutput.class,
            DriveFiles::search);

    static final LambdaAction<ShareInput, ShareOutput> SHARE = BaseAction.write(
            "google-drive.share",
            "Share a file",
            "Gives a user, group, domain or anyone with the link access to a file.",
            ShareInput.class,
            ShareOutput.class,
            // Sharing again with the same grantee and role leaves one permission: Drive updates it in place.
            Idempotency.NATURAL,
            DriveFiles::share);

    private static SearchOutput search(ActionContext context, SearchInput in) {
        String url = context.baseUrl() + "/files"
                + query(
                        "q",
                        in.q() == null ? "trashed = false" : in.q(),
                        "pageSize",
                        in.pageSize() == null ? 50 : in.pageSize(),
                        "orderBy",
                        in.orderBy(),
                        "pageToken",
                        in.pageToken(),
                        "fields",
                        "nextPageToken,files(" + DriveFile.FIELDS + ")",
                        "supportsAllDrives",
                        true,
                        "includeItemsFromAllDrives",
                        true);
        JsonNode page = GoogleApi.get(context, url, "q");
        List<DriveFile> files = new ArrayList<>();
        page.path("files").forEach(f -> files.add(DriveFile.of(f)));
        return new SearchOutput(files, text(page, "nextPageToken"));
    }

    private static ShareOutput share(ActionContext context, ShareInput in) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", in.role().name());
        body.put("type", in.type().name());
        switch (in.type()) {
            case user, group -> {
                if (in.emailAddress() == null) {
                    throw new ConnectorException.InvalidInput("emailAddress", "is needed for a user or group");
                }
                body.put("emailAddress", in.emailAddress());
            }
            case domain -> {
                if (in.domain() == null) {
                    throw new ConnectorException.InvalidInput("domain", "is needed for type domain");
                }
                body.put("domain", in.domain());
            }
            case anyone -> {}
        }
        boolean people = in.type() == Grantee.user || in.type() == Grantee.group;
        String url = context.baseUrl() + "/files/" + enc(in.fileId()) + "/permissions"
                + query(
                        "sendNotificationEmail",
                        people ? in.sendNotificationEmail() : null,
                        "emailMessage",
                        people ? in.message() : null,
                        "supportsAllDrives",
                        true,
                        "fields",
                        "id,role,type");
        JsonNode p = GoogleApi.json(
                context, "POST", url, body, "fileId", in.type() == Grantee.domain ? "domain" : "emailAddress");
        return new ShareOutput(text(p, "id"), text(p, "role"), text(p, "type"));
    }
}
