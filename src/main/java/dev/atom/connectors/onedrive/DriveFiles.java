package dev.atom.connectors.onedrive;

import static dev.atom.connectors.MicrosoftGraph.id;
import static dev.atom.connectors.MicrosoftGraph.query;

import dev.atom.connectors.Action;
import dev.atom.connectors.Action.Idempotency;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseAction;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Listing, searching, reading metadata and sharing. */
final class DriveFiles {
    static final String ITEM = "the OneDrive item";

    private DriveFiles() {}

    enum LinkType {
        view,
        edit
    }

    enum LinkScope {
        anonymous,
        organization
    }

    @Schema(description = "Which folder to list")
    record ChildrenInput(
            @Schema(description = "The folder's id; the drive's root when left out") @Nullable
            String folderId,

            @Schema(description = "At most this many (default 100)", minimum = 1, maximum = 999) @Nullable
            Integer limit) {}

    @Schema(description = "What to look for")
    record SearchInput(
            @Schema(description = "Words in file names, content or metadata", minLength = 1, maxLength = 500)
            String query,

            @Schema(description = "At most this many (default 25)", minimum = 1, maximum = 200) @Nullable
            Integer limit) {}

    @Schema(description = "One item")
    record ItemInput(@Schema(description = "The item's id") String itemId) {}

    @Schema(description = "A sharing link to make")
    record ShareInput(
            @Schema(description = "The item's id") String itemId,

            @Schema(description = "view (read only, the default) or edit") @Nullable
            LinkType type,

            @Schema(description = "anonymous (anyone with the link) or organization (the default)") @Nullable
            LinkScope scope) {}

    @Schema(description = "Files and folders")
    record Items(@Schema(description = "The items") List<DriveItem> items) {}

    @Schema(description = "A sharing link")
    record Link(
            @Schema(description = "The link", format = "uri")
            String url,

            @Schema(description = "view or edit") String type,

            @Schema(description = "anonymous or organization")
            String scope) {}

    static final Action<ChildrenInput, Items> LIST_CHILDREN = BaseAction.read(
            "onedrive.list_children",
            "List a folder",
            "Lists the files and folders in a OneDrive folder (the root when no folder is given).",
            ChildrenInput.class,
            Items.class,
            DriveFiles::children);

    static final Action<SearchInput, Items> SEARCH = BaseAction.read(
            "onedrive.search",
            "Search files",
            "Searches the person's OneDrive by file name, content and metadata.",
            SearchInput.class,
            Items.class,
            DriveFiles::search);

    static final Action<ItemInput, DriveItem> GET_ITEM = BaseAction.read(
            "onedrive.get_item",
            "Get file details",
            "Reads a OneDrive file's or folder's details: size, type, folder, last change.",
            ItemInput.class,
            DriveItem.class,
            (ctx, in) -> DriveItem.of(MicrosoftGraph.get(
                    ctx,
                    "/me/drive/items/" + id(in.itemId(), "itemId") + query("$select", DriveItem.SELECT),
                    "itemId",
                    ITEM)));

    // createLink answers the existing link when one of that type and scope exists: safe to repeat
    static final Action<ShareInput, Link> SHARE = BaseAction.write(
                    "onedrive.share",
                    "Share a file",
                    "Makes a sharing link to a OneDrive file or folder (view or edit, for the organization or anyone).",
                    ShareInput.class,
                    Link.class,
                    Idempotency.NATURAL,
                    DriveFiles::share)
            .reachingPeople();

    private static Items children(ActionContext ctx, ChildrenInput in) {
        String folder = in.folderId() == null ? "root" : "items/" + id(in.folderId(), "folderId");
        JsonNode page = MicrosoftGraph.get(
                ctx,
                "/me/drive/" + folder + "/children"
                        + query("$top", in.limit() == null ? 100 : in.limit(), "$select", DriveItem.SELECT),
                "folderId",
                "the OneDrive folder");
        return items(page);
    }

    private static Items search(ActionContext ctx, SearchInput in) {
        if (in.query() == null || in.query().isBlank()) {
            throw new ConnectorException.InvalidInput("query", "is required");
        }
        // an OData string literal: quotes doubled, then percent-encoded inside the quotes Graph expects
        String q = MicrosoftGraph.enc(in.query().strip().replace("'", "''"));
        JsonNode page = MicrosoftGraph.get(
                ctx,
                "/me/drive/root/search(q='" + q + "')"
                        + query("$top", in.limit() == null ? 25 : in.limit(), "$select", DriveItem.SELECT),
                "query",
                ITEM);
        return items(page);
    }

    private static Link share(ActionContext ctx, ShareInput in) {
        String type = in.type() == null ? "view" : in.type().name();
        String scope = in.scope() == null ? "organization" : in.scope().name();
        JsonNode p = MicrosoftGraph.call(
                ctx,
                "POST",
                "/me/drive/items/" + id(in.itemId(), "itemId") + "/createLink",
                Map.of("type", type, "scope", scope),
                "itemId",
                ITEM);
        JsonNode link = p.path("link");
        return new Link(
                link.path("webUrl").asString(""),
                link.path("type").asString(type),
                link.path("scope").asString(scope));
    }

    static Items items(JsonNode page) {
        List<DriveItem> out = new ArrayList<>();
        page.path("value").forEach(i -> out.add(DriveItem.of(i)));
        return new Items(out);
    }
}
