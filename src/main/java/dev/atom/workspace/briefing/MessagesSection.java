package dev.atom.workspace.briefing;

import dev.atom.workspace.inbox.InboxBriefing;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Important unread messages (mail and chat) from the connections the viewer may read, newest first, as the inbox
 * ranks them (no AI needed); each opens in Atom's inbox. Not available for someone with no message source yet,
 * so the page says "connect" rather than "nothing".
 */
@Component
class MessagesSection implements BriefingSection {
    private final InboxBriefing inbox;

    MessagesSection(InboxBriefing inbox) {
        this.inbox = inbox;
    }

    @Override
    public SectionKind kind() {
        return SectionKind.MESSAGES;
    }

    @Override
    public boolean available(BriefingRequest request) {
        return inbox.hasSources(request.workspaceId(), request.viewerId());
    }

    @Override
    public List<BriefingItem.Message> items(BriefingRequest request) {
        return inbox.importantUnread(request.workspaceId(), request.viewerId(), request.limit()).stream()
                .map(m -> new BriefingItem.Message(
                        m.id(),
                        m.fromName() == null || m.fromName().isBlank() ? m.from() : m.fromName(),
                        m.subject(),
                        m.snippet(),
                        m.connector(),
                        m.importantBecause(),
                        m.receivedAt(),
                        m.link()))
                .toList();
    }
}
