package dev.atom.connectors.youtube;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.GoogleRest;
import dev.atom.connectors.Health;
import dev.atom.connectors.Trigger;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * YouTube (Data API v3): the channel's videos, a video's statistics, comments (list, reply) and a new-comment
 * trigger. The scope is {@code youtube.force-ssl}: replying to comments needs it, and it also reads the
 * channel's videos and comments (one scope instead of {@code youtube.readonly} plus it).
 */
@Component
class YouTubeConnector extends BaseConnector {
    static final String SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl";

    private static final List<Action<?, ?>> ACTIONS =
            List.of(Videos.LIST_MY_VIDEOS, Videos.GET_VIDEO_STATS, Comments.LIST_COMMENTS, Comments.REPLY_TO_COMMENT);
    private static final List<Trigger> TRIGGERS = List.of(new NewCommentTrigger());

    YouTubeConnector() {
        super(
                "youtube",
                "YouTube",
                "https://youtube.googleapis.com",
                List.of("marketing", "social"),
                GoogleRest.oauth(SCOPE));
    }

    @Override
    public List<Action<?, ?>> actions() {
        return ACTIONS;
    }

    @Override
    public List<Trigger> triggers() {
        return TRIGGERS;
    }

    /** The connected channel (1 quota unit), which names it. */
    @Override
    public Health check(ActionContext context) {
        return Health.ok(GoogleRest.text(Videos.myChannel(context).path("snippet"), "title"));
    }
}
