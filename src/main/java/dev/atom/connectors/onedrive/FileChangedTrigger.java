package dev.atom.connectors.onedrive;

import dev.atom.connectors.ActionContext;
import dev.atom.connectors.GraphDelta;
import dev.atom.connectors.MicrosoftGraph;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Schema;
import dev.atom.connectors.TriggerEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code onedrive.file_changed}: a file in the person's OneDrive was added, changed or deleted, by the drive's
 * delta query. Graph's change notifications would need a public HTTPS endpoint validated by Graph and carry no
 * signature over the body, so this polls. The first poll walks to the deltaLink without reporting; each later
 * change is reported once per version (the item's id and its cTag, which changes with the content). Folders are
 * skipped. When Graph has forgotten the delta state a new baseline starts.
 */
final class FileChangedTrigger implements PollingTrigger {
    static final int MAX_PAGES = 20;

    @Schema(description = "A file that was added, changed or deleted")
    record Changed(
            @Schema(description = "The file (for a deleted one, only its id and name)")
            DriveItem file,

            @Schema(description = "True when it was deleted")
            boolean deleted) {}

    @Override
    public String id() {
        return "onedrive.file_changed";
    }

    @Override
    public String name() {
        return "OneDrive file changed";
    }

    @Override
    public String description() {
        return "Starts when a file in the person's OneDrive is added, changed or deleted.";
    }

    @Override
    public Class<Changed> eventType() {
        return Changed.class;
    }

    @Override
    public Poll poll(ActionContext context, String cursor) {
        String start = "/me/drive/root/delta" + MicrosoftGraph.query("$select", DriveItem.SELECT + ",cTag");
        boolean baseline = cursor == null || !GraphDelta.readable(context, cursor);
        GraphDelta walk = GraphDelta.walk(context, baseline ? null : cursor, start, MAX_PAGES);
        if (walk.lost()) {
            baseline = true;
            walk = GraphDelta.walk(context, null, start, MAX_PAGES);
        }
        if (baseline && walk.more()) {
            // a large drive: keep walking the baseline next time, still without reporting
            return new Poll(List.of(), walk.cursor());
        }
        List<TriggerEvent> events = new ArrayList<>();
        if (!baseline) {
            for (JsonNode i : walk.items()) {
                boolean deleted = i.has("deleted") || i.has("@removed");
                if (i.has("folder")) {
                    continue;
                }
                String version = deleted
                        ? "deleted"
                        : i.path("cTag").asString(i.path("lastModifiedDateTime").asString(""));
                events.add(new TriggerEvent(
                        i.path("id").asString() + "@" + version,
                        MicrosoftGraph.instant(i, "lastModifiedDateTime"),
                        MicrosoftGraph.JSON.valueToTree(new Changed(DriveItem.of(i), deleted))));
            }
        }
        return new Poll(events, walk.cursor());
    }
}
