package dev.atom.identity;

import java.util.Optional;

/** Turns an {@code Authorization: Bearer} value (an access token JWT or a personal API token) into a caller. */
public interface BearerTokens {

    /**
     * The caller the token stands for, acting in the token's workspace or in {@code workspaceHeader} (the
     * {@code X-Atom-Workspace} header, may be null); empty when the token is not valid. Throws a 404
     * {@link dev.atom.shared.web.ApiException} when the header names a workspace the caller may not act in.
     */
    Optional<CurrentUser> authenticate(String token, String workspaceHeader);
}
