package dev.atom.identity;

import java.util.List;
import java.util.Optional;

/** Who belongs to a workspace; other modules use it to check assignees and to show names. */
public interface Members {

    record Member(String userId, String email, String name, Role role) {}

    Optional<Member> find(String workspaceId, String userId);

    List<Member> list(String workspaceId);
}
