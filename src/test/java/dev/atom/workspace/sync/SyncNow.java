package dev.atom.workspace.sync;

import org.springframework.context.ApplicationContext;

/**
 * For tests of other modules: runs the sync of one connection here and now (the tests' app has no background
 * scheduler), as {@code POST /api/v1/connections/{id}/sync} asks the scheduler to.
 */
public final class SyncNow {
    private SyncNow() {}

    public static boolean sync(ApplicationContext context, String workspaceId, String connectionId) {
        return context.getBean(SyncEngine.class).syncConnection(workspaceId, connectionId);
    }
}
