package dev.atom.connectors.internal;

import static dev.atom.connectors.internal.OAuthTestSupport.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.connectors.internal.OAuthTestSupport.Browser;
import dev.atom.shared.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The scheduled credential check against mock-oauth2-server, driven with instants the test chooses (the
 * background scheduler is off in tests): a due connection is checked by one of two instances racing for it and
 * planned again an interval later; a sign-in forecast to end soon is told to its owner once (audit, API, page,
 * briefing naming the workflow that would stop) and a reconnect clears it.
 */
class CredentialHealthTest extends OAuthTestBase {
    @Autowired
    CredentialHealth health;

    @Autowired
    ConnectionService service;

    @Autowired
    HealthForecasts forecasts;

    @Autowired
    CredentialHealthProperties properties;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    java.time.Clock clock;

    @BeforeEach
    void nothingElseIsDue() {
        // connections other tests of this context left are planned far away, so only this test's are due
        jdbc.sql("UPDATE connections SET health_due_at = '9999-01-01T00:00:00.000000Z'")
                .update();
    }

    private void dueNow(String connectionId, Instant checkedAt) {
        jdbc.sql("UPDATE connections SET health_due_at = NULL, last_checked_at = :checked WHERE id = :id")
                .param("checked", Timestamps.format(checkedAt))
                .param("id", connectionId)
                .update();
    }

    private Instant due(String connectionId) {
        return Timestamps.parse(jdbc.sql("SELECT health_due_at FROM connections WHERE id = :id")
                .param("id", connectionId)
                .query(String.class)
                .single());
    }

    private int userinfoCalls() {
        return (int) drain(SERVER).stream()
                .filter(r -> r.getPath() != null && r.getPath().endsWith("/userinfo"))
                .count();
    }

    @Test
    void oneOfTwoInstancesChecksADueConnectionAndPlansTheNextCheckAnIntervalLater() throws Exception {
        var ann = users.signUp("ann");
        String id = connect(ann, Browser.signedIn(port, ann.email()), "").connectionId();
        Instant now = clock.instant().plus(Duration.ofDays(1));
        dueNow(id, now.minus(Duration.ofDays(1)));
        drain(SERVER);
        // a second checker with its own executor stands for another instance on the same database
        CredentialHealth other = new CredentialHealth(connections, service, forecasts, properties, publisher, clock);

        var pool = Executors.newFixedThreadPool(2);
        int checked;
        try {
            Future<Integer> a = pool.submit(() -> health.runDue(now));
            Future<Integer> b = pool.submit(() -> other.runDue(now));
            checked = a.get() + b.get();
        } finally {
            pool.shutdown();
        }

        assertThat(checked).isEqualTo(1);
        assertThat(userinfoCalls()).as("the connector's health call, once").isEqualTo(1);
        Instant next = due(id);
        assertThat(next)
                .isBetween(
                        now.plus(properties.interval()),
                        now.plus(properties.interval().multipliedBy(11).dividedBy(10)));
        assertThat(health.runDue(now)).as("not due again before the interval").isZero();
        assertThat(health.runDue(next)).isEqualTo(1);
        assertThat(userinfoCalls()).isEqualTo(1);
    }

    @Test
    void aCheckThatFindsRefusedCredentialsTellsTheOwnerOnceAndIsNotRepeated() {
        var eve = users.signUp("eve");
        String id = connect(eve, Browser.signedIn(port, eve.email()), "").connectionId();
        Connection c = connections.find(eve.workspaceId(), id).orElseThrow();
        // the service no longer accepts the access token (revoked at the service, say)
        secrets.update(
                c.accessTokenSecretId(), c.workspaceId(), c.secretOwner(), StoredCredentials.ACCESS_TOKEN, "revoked");
        Instant now = clock.instant().plus(Duration.ofDays(1));
        dueNow(id, now.minus(Duration.ofDays(1)));

        assertThat(health.runDue(now)).isEqualTo(1);
        assertThat(connections.find(eve.workspaceId(), id).orElseThrow().status())
                .isEqualTo(ConnectionStatus.NEEDS_RECONNECT);
        dueNow(id, now.minus(Duration.ofDays(1)));
        assertThat(health.runDue(now.plusSeconds(60)))
                .as("refused credentials are not tried again until a reconnect")
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE workspace_id = :ws AND type ="
                                + " 'connection.needs_reconnect'")
                        .param("ws", eve.workspaceId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theCheckIsScheduledEveryTick(@Autowired org.springframework.scheduling.config.ScheduledTaskHolder scheduled) {
        var tasks = scheduled.getScheduledTasks().stream()
                .filter(task -> task.toString().equals(CredentialHealth.class.getName() + ".tick"))
                .map(org.springframework.scheduling.config.ScheduledTask::getTask)
                .toList();
        assertThat(tasks)
                .singleElement()
                .isInstanceOfSatisfying(
                        org.springframework.scheduling.config.FixedDelayTask.class,
                        task -> assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(1)));
        assertThat(properties.interval()).isEqualTo(Duration.ofHours(6));
        assertThat(properties.scheduler()).as("off in tests, driven by them").isFalse();
    }

    @Test
    void aConnectionSeenForTheFirstTimeThatWasCheckedLatelyIsOnlyPlannedWithinOneInterval() {
        var bea = users.signUp("bea");
        String id = connect(bea, Browser.signedIn(port, bea.email()), "").connectionId();
        Instant now = clock.instant();
        dueNow(id, now.minusSeconds(60));
        drain(SERVER);

        assertThat(health.runDue(now)).isZero();
        assertThat(userinfoCalls()).isZero();
        assertThat(due(id)).isBetween(now, now.plus(properties.interval()));
    }

    @Test
    void warnsTheOwnerOnceBeforeTheSignInEndsNamingTheWorkflowThatWouldStopUntilAReconnect() {
        var cleo = users.signUp("cleo");
        Browser browser = Browser.signedIn(port, cleo.email());
        String id = connect(cleo, browser, "?name=Cleo%20data").connectionId();
        var workflow = users.as(cleo)
                .post(
                        "/api/v1/workflows",
                        Map.of(
                                "definition",
                                Map.of(
                                        "name", "Nightly who-am-I",
                                        "trigger", Map.of("type", "manual"),
                                        "steps",
                                                List.of(Map.of(
                                                        "id", "who",
                                                        "type", "action",
                                                        "action", "testoauth.whoami",
                                                        "connection", id,
                                                        "input", Map.of("note", "hi"))))));
        assertThat(workflow.status()).as(workflow.toString()).isEqualTo(201);
        Instant now = clock.instant().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // the provider said the refresh token ends in two days (refresh_token_expires_in)
        jdbc.sql("UPDATE connections SET refresh_token_expires_at = :at WHERE id = :id")
                .param("at", Timestamps.format(now.plus(Duration.ofDays(2))))
                .param("id", id)
                .update();
        var before = users.as(cleo).get("/api/v1/connections/" + id).json().get("health");
        assertThat(before.get("state").asString()).isEqualTo("attention");
        dueNow(id, now.minus(Duration.ofDays(1)));

        assertThat(health.runDue(now)).isEqualTo(1);
        dueNow(id, now.minus(Duration.ofDays(1)));
        assertThat(health.runDue(now.plusSeconds(60))).isEqualTo(1);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE workspace_id = :ws AND type ="
                                + " 'connection.expires_soon'")
                        .param("ws", cleo.workspaceId())
                        .query(Integer.class)
                        .single())
                .as("told once")
                .isEqualTo(1);
        var shown = users.as(cleo).get("/api/v1/connections/" + id).json().get("health");
        assertThat(shown.get("expiresAt").asString())
                .isEqualTo(now.plus(Duration.ofDays(2)).toString());
        assertThat(shown.get("why").asString()).contains("the service said");
        var briefing = users.as(cleo).get("/api/v1/briefing").json().get("connections");
        assertThat(briefing).singleElement().satisfies(item -> {
            assertThat(item.get("id").asString()).isEqualTo(id);
            assertThat(item.get("reason").asString()).contains("sign-in ends by", "Nightly who-am-I");
        });
        String page = browser.get("/connections").body();
        assertThat(page).contains("id=\"attention-notice\"", "Cleo data", "needs attention soon", "Nightly who-am-I");
        assertThat(page).contains("/connections/oauth/testoauth/start?connection=" + id);

        var other = users.invite("dan", cleo, "member");
        assertThat(users.as(other).get("/api/v1/briefing").json().get("connections"))
                .as("only the owner can reconnect: only the owner is told")
                .isEmpty();

        connect(cleo, browser, "?connection=" + id); // the one-click reconnect
        var after = users.as(cleo).get("/api/v1/connections/" + id).json().get("health");
        assertThat(after.get("state").asString()).isEqualTo("ok");
        assertThat(users.as(cleo).get("/api/v1/briefing").json().get("connections"))
                .isEmpty();
    }
}
