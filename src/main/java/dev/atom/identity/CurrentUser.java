package dev.atom.identity;

import dev.atom.shared.web.ApiException;

/**
 * The authenticated caller of a request: who, acting in which workspace, with which role there. It is the
 * principal of every authenticated request (API bearer tokens and browser sessions alike); controllers take
 * it with {@code @AuthenticationPrincipal CurrentUser user} and pass {@link #workspaceId()} to every query.
 */
public record CurrentUser(String userId, String email, String name, String workspaceId, Role role) {

    /** Throws 403 unless the caller's role in this workspace is at least {@code needed}. */
    public void require(Role needed) {
        if (!role.atLeast(needed)) {
            throw ApiException.forbidden("This needs the " + needed.wire() + " role in this workspace");
        }
    }
}
