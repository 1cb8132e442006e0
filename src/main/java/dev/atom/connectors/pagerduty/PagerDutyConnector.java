package dev.atom.connectors.pagerduty;

import dev.atom.connectors.Action;
import dev.atom.connectors.ActionContext;
import dev.atom.connectors.AuthSpec;
import dev.atom.connectors.AuthSpec.CredentialField;
import dev.atom.connectors.BaseConnector;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Health;
import dev.atom.connectors.Trigger;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * PagerDuty: incidents (list, get, create, acknowledge, resolve, add a note) over REST API v2, alert events over
 * the Events API v2 ({@code ATOM_PAGERDUTY_EVENTS_URL}, default {@code https://events.pagerduty.com/v2}), and a
 * webhook v3 trigger. Connected with a REST API key plus the e-mail writes are made as (PagerDuty requires a
 * {@code From}), or the operator's OAuth app. Health is {@code GET /users/me} (for an account-level key, which
 * has no user, {@code GET /abilities}).
 */
@Component
class PagerDutyConnector extends BaseConnector {
    static final String TOKEN = "api_key";
    static final String FROM = "from_email";
    static final String ROUTING_KEY = "routing_key";
    static final AuthSpec.OAuth2 OAUTH = new AuthSpec.OAuth2(
            "https://identity.pagerduty.com/oauth/authorize",
            "https://identity.pagerduty.com/oauth/token",
            List.of("read", "write"),
            true,
            "https://identity.pagerduty.com/oauth/revoke",
            AuthSpec.ClientAuth.CLIENT_SECRET_POST);

    private final List<Action<?, ?>> actions;
    private final PagerDutyWebhookTrigger events;

    PagerDutyConnector(
            Clock clock, @Value("${ATOM_PAGERDUTY_EVENTS_URL:https://events.pagerduty.com/v2}") String eventsUrl) {
        super(
                "pagerduty",
                "PagerDuty",
                "https://api.pagerduty.com",
                List.of("developer", "it"),
                new AuthSpec.ApiKey(
                        "REST API key",
                        List.of(
                                new CredentialField(
                                        TOKEN,
                                        "API key",
                                        true,
                                        true,
                                        "[A-Za-z0-9_+-]{20,64}",
                                        "PagerDuty → Integrations → API Access Keys → Create New API Key (or your user's User Settings → API Access)"),
                                new CredentialField(
                                        FROM,
                                        "Your PagerDuty e-mail",
                                        false,
                                        true,
                                        "[^@\\s]+@[^@\\s]+",
                                        "PagerDuty records incidents and notes Atom writes as this user"),
                                new CredentialField(
                                        ROUTING_KEY,
                                        "Events API v2 routing key",
                                        true,
                                        false,
                                        "[A-Za-z0-9]{32}",
                                        "Optional: a service's Events API v2 integration key, for pagerduty.send_event"))),
                OAUTH);
        this.actions = List.of(
                PagerDutyIncidents.LIST,
                PagerDutyIncidents.GET,
                PagerDutyIncidents.CREATE,
                PagerDutyIncidentChanges.ACKNOWLEDGE,
                PagerDutyIncidentChanges.RESOLVE,
                PagerDutyIncidentChanges.ADD_NOTE,
                PagerDutyEvents.action(eventsUrl.replaceAll("/+$", "")));
        this.events = new PagerDutyWebhookTrigger(clock);
    }

    @Override
    public List<Action<?, ?>> actions() {
        return actions;
    }

    @Override
    public List<Trigger> triggers() {
        return List.of(events);
    }

    @Override
    public Health check(ActionContext context) {
        try {
            var me = PagerDutyApi.me(context);
            return Health.ok(me.path("email").asString(me.path("name").asString()));
        } catch (ConnectorException.InvalidInput | ConnectorException.Permanent e) {
            // an account-level key has no user: /abilities still proves the key works
            PagerDutyApi.get(context, "/abilities", List.of(), null);
            return Health.ok(context.credentials().get(FROM).orElse("PagerDuty account"));
        }
    }
}
