package dev.atom.connectors.testfeed;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.Connector;
import dev.atom.connectors.Health;
import dev.atom.connectors.PollingTrigger;
import dev.atom.connectors.Trigger;
import dev.atom.connectors.TriggerEvent;
import dev.atom.shared.net.GuardedHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test-only service with a polling trigger (component-scanned from the test classpath): the connection's
 * {@code feed_url} answers {@code GET ?since=<cursor>} with {@code {"items": [{"id", ...}], "cursor"}}, so
 * workflow trigger tests can stub it with WireMock. The first poll (no cursor) only takes the cursor.
 */
@Component
class TestFeedConnector implements Connector {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Item(String id, String title) {}

    /** The workflow's trigger settings: a tag the feed is filtered by (sent as {@code &tag=}). */
    record Settings(String tag) {}

    private final PollingTrigger newItem = new PollingTrigger() {
        @Override
        public String id() {
            return "testfeed.new_item";
        }

        @Override
        public String name() {
            return "New item";
        }

        @Override
        public String description() {
            return "Starts for each new item in the feed.";
        }

        @Override
        public Class<Item> eventType() {
            return Item.class;
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Poll poll(ActionContext context, String cursor) {
            return poll(context, null, cursor);
        }

        @Override
        public Poll poll(ActionContext context, JsonNode settings, String cursor) {
            String tag = settings == null ? "" : settings.path("tag").asString("");
            String url = context.credentials().require("feed_url") + "?since="
                    + URLEncoder.encode(cursor == null ? "" : cursor, StandardCharsets.UTF_8)
                    + (tag.isEmpty() ? "" : "&tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
            var response = context.http().checked(context.http().send(GuardedHttpClient.Request.get(url)));
            JsonNode body = JSON.readTree(response.body());
            if (cursor == null) {
                return new Poll(List.of(), body.path("cursor").asString());
            }
            List<TriggerEvent> events = new ArrayList<>();
            for (JsonNode item : body.path("items")) {
                events.add(new TriggerEvent(item.path("id").asString(), null, item));
            }
            return new Poll(events, body.path("cursor").asString());
        }
    };

    @Override
    public String id() {
        return "testfeed";
    }

    @Override
    public String name() {
        return "Test feed";
    }

    @Override
    public List<String> categories() {
        return List.of("testing");
    }

    @Override
    public AuthSpec auth() {
        return new AuthSpec.ApiKey(
                List.of(CredentialField.secret("api_key", "API key"), CredentialField.text("feed_url", "Feed URL")));
    }

    @Override
    public List<Action<?, ?>> actions() {
        return List.of();
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(newItem);
    }

    @Override
    public Health check(ActionContext context) {
        return Health.ok("feed");
    }
}
