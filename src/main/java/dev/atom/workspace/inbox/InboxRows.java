package dev.atom.workspace.inbox;

import dev.atom.connectors.SyncedMessage;
import dev.atom.shared.time.Timestamps;
import dev.atom.workspace.sync.VisibleConnections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL shapes of inbox rows: the columns, the triage rule as SQL, and the row mapping both ways. */
final class InboxRows {
    private InboxRows() {}

    private static final String VIP = "EXISTS (SELECT 1 FROM inbox_vips v WHERE v.workspace_id = m.workspace_id"
            + " AND v.user_id = :viewer AND v.address = m.from_address)";
    private static final String CONTACT = "EXISTS (SELECT 1 FROM inbox_contacts k WHERE k.workspace_id ="
            + " m.workspace_id AND k.user_id = :viewer AND k.address = m.from_address)";

    /**
     * Triage without AI: not the viewer's own message, and a VIP's, from someone they wrote to or met, direct to
     * them (not through a list or channel) or mentioning them.
     */
    static final String IMPORTANT =
            "(m.from_me = 0 AND (m.mentions_me = 1 OR m.direct_to_me = 1 OR " + VIP + " OR " + CONTACT + "))";

    private static final String COLUMNS = "m.id, m.workspace_id, m.connection_id, m.connector_id, m.feed_id,"
            + " m.external_id, m.kind, m.thread_id, m.folder, m.from_address, m.from_name, m.to_list, m.cc_list,"
            + " m.reply_to, m.subject, m.snippet, m.body_text, m.received_at, m.unread, m.from_me, m.direct_to_me,"
            + " m.mentions_me, m.labels, m.message_id_header, m.references_header, m.link, m.problem, m.archived";

    /**
     * The select for a viewer (joined on visible connections, with the VIP and contact verdicts; the caller
     * appends {@code AND ...}) or, without one, over every row (search rebuilds; no verdicts).
     */
    static String select(boolean forViewer) {
        if (!forViewer) {
            return "SELECT " + COLUMNS + ", 0 AS is_vip, 0 AS is_contact FROM inbox_messages m WHERE 1 = 1";
        }
        return "SELECT " + COLUMNS + ", CASE WHEN " + VIP + " THEN 1 ELSE 0 END AS is_vip, CASE WHEN " + CONTACT
                + " THEN 1 ELSE 0 END AS is_contact FROM inbox_messages m JOIN connections c ON c.id ="
                + " m.connection_id AND c.workspace_id = m.workspace_id WHERE m.workspace_id = :ws AND "
                + VisibleConnections.CONDITION;
    }

    static Map<String, Object> params(SyncedMessage m) {
        Map<String, Object> p = new HashMap<>();
        p.put("externalId", m.externalId());
        p.put("kind", m.kind());
        p.put("threadId", m.threadId());
        p.put("folder", m.folder());
        p.put("fromAddress", m.from() == null || m.from().isBlank() ? null : TriageRepository.normal(m.from()));
        p.put("fromName", m.fromName());
        p.put("to", join(m.to()));
        p.put("cc", join(m.cc()));
        p.put("replyTo", join(m.replyTo()));
        p.put("subject", m.subject());
        p.put("snippet", m.snippet());
        p.put("body", m.bodyText());
        p.put("receivedAt", Timestamps.format(m.receivedAt()));
        p.put("unread", m.unread() ? 1 : 0);
        p.put("fromMe", m.fromMe() ? 1 : 0);
        p.put("direct", m.directToMe() ? 1 : 0);
        p.put("mentions", m.mentionsMe() ? 1 : 0);
        p.put("labels", join(m.labels()));
        p.put("messageId", m.messageIdHeader());
        p.put("references", m.references());
        p.put("link", m.link());
        p.put("problem", m.problem());
        return p;
    }

    static InboxMessage row(ResultSet rs, int n) throws SQLException {
        SyncedMessage m = new SyncedMessage(
                rs.getString("external_id"),
                rs.getString("kind"),
                rs.getString("thread_id"),
                rs.getString("folder"),
                rs.getString("from_address"),
                rs.getString("from_name"),
                split(rs.getString("to_list")),
                split(rs.getString("cc_list")),
                rs.getString("subject"),
                rs.getString("snippet"),
                rs.getString("body_text"),
                Timestamps.parse(rs.getString("received_at")),
                rs.getInt("unread") == 1,
                rs.getInt("from_me") == 1,
                rs.getInt("direct_to_me") == 1,
                rs.getInt("mentions_me") == 1,
                split(rs.getString("labels")),
                rs.getString("message_id_header"),
                rs.getString("link"),
                split(rs.getString("reply_to")),
                rs.getString("references_header"),
                rs.getString("problem"));
        List<String> because = new ArrayList<>();
        if (!m.fromMe()) {
            if (rs.getInt("is_vip") == 1) {
                because.add("vip");
            }
            if (rs.getInt("is_contact") == 1) {
                because.add("contact");
            }
            if (m.mentionsMe()) {
                because.add("mention");
            }
            if (m.directToMe()) {
                because.add("direct");
            }
        }
        return new InboxMessage(
                rs.getString("id"),
                rs.getString("workspace_id"),
                rs.getString("connection_id"),
                rs.getString("connector_id"),
                rs.getString("feed_id"),
                m,
                rs.getInt("archived") == 1,
                because);
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
