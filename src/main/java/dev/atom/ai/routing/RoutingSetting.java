package dev.atom.ai.routing;

import java.time.Instant;
import java.util.List;

/** A workspace's default routing as stored: the models and policies {@code atom/default} stands for, in order. */
public record RoutingSetting(String workspaceId, List<String> models, String updatedBy, Instant updatedAt) {

    public RoutingSetting {
        models = List.copyOf(models);
    }
}
