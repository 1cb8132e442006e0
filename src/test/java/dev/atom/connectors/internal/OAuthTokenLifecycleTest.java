package dev.atom.connectors.internal;

import static dev.atom.connectors.internal.OAuthTestSupport.drain;
import static dev.atom.connectors.internal.OAuthTestSupport.form;
import static dev.atom.connectors.internal.OAuthTestSupport.tokenRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atom.connectors.ConnectionNeedsReconnect;
import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.internal.OAuthTestSupport.Browser;
import dev.atom.testing.TestUsers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * What happens to a connection's tokens after connecting, against mock-oauth2-server (which rotates refresh
 * tokens and refuses unknown ones with invalid_grant): refresh before expiry, rotation persisted, one refresh
 * for many concurrent callers (and across two "instances"), invalid_grant -> needs_reconnect with the owner
 * told, revocation at the provider on delete.
 */
@RecordApplicationEvents
class OAuthTokenLifecycleTest extends OAuthTestBase {

    @Autowired
    ConnectorRegistry registry;

    @Autowired
    TokenEndpoint endpoint;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    Clock clock;

    @Autowired
    OAuthApps apps;

    @Autowired
    ApplicationEvents events;

    private String connected(TestUsers.User user) {
        return connect(user, Browser.signedIn(port, user.email()), "").connectionId();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void refreshesBeforeExpiryAndPersistsTheRotatedRefreshToken(CapturedOutput output) {
        var ann = users.signUp("ann");
        String id = connected(ann);
        String access = accessToken(ann, id);
        assertThat(accessToken(ann, id))
                .as("a token far from expiry is used as it is")
                .isEqualTo(access);
        assertThat(tokenRequests(drain(SERVER))).isEmpty();

        String oldRefresh = refreshToken(ann, id);
        Connection before = connections.find(ann.workspaceId(), id).orElseThrow();
        expireSoon(ann, id);
        String refreshed = accessToken(ann, id);

        List<RecordedRequest> requests = tokenRequests(drain(SERVER));
        assertThat(requests).hasSize(1);
        Map<String, String> sent = form(requests.getFirst().getBody().readUtf8());
        assertThat(sent).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", oldRefresh);
        assertThat(refreshed).isNotEqualTo(access);
        Connection after = connections.find(ann.workspaceId(), id).orElseThrow();
        assertThat(after.tokenVersion()).isEqualTo(before.tokenVersion() + 1);
        assertThat(after.tokenExpiresAt()).isAfter(clock.instant().plusSeconds(600));
        assertThat(refreshToken(ann, id))
                .as("the rotated refresh token is saved")
                .isNotEqualTo(oldRefresh);
        assertThat(secrets.get(
                        before.accessTokenSecretId(), ann.workspaceId(), before.secretOwner(), "oauth-access-token"))
                .as("the old access token's secret is gone")
                .isEmpty();

        // the provider no longer takes the old refresh token, and the saved one works
        var stale = postForm(
                SERVER.tokenEndpointUrl("atom").toString(), "grant_type=refresh_token&refresh_token=" + oldRefresh);
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("invalid_grant");
        expireSoon(ann, id);
        assertThat(accessToken(ann, id)).isNotEqualTo(refreshed);
        var status =
                users.as(ann).post("/api/v1/connections/" + id + "/actions/testoauth.whoami", Map.of("note", "hi"));
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
    }

    @Test
    void twentyConcurrentCallersShareOneRefresh() throws Exception {
        var ann = users.signUp("ann");
        String id = connected(ann);
        drain(SERVER);
        expireSoon(ann, id);

        List<String> tokens = runConcurrently(20, i -> accessToken(ann, id));

        assertThat(tokenRequests(drain(SERVER)))
                .as("requests at the token endpoint")
                .hasSize(1);
        assertThat(new java.util.HashSet<>(tokens)).hasSize(1);
        assertThat(tokens.getFirst()).isEqualTo(accessToken(ann, id));
    }

    @Test
    void twoInstancesRefreshingAtOnceAgreeThroughTheVersionColumn() throws Exception {
        var ann = users.signUp("ann");
        String id = connected(ann);
        drain(SERVER);
        expireSoon(ann, id);
        // a second refresher with its own locks stands for another instance on the same database
        TokenRefresher other = new TokenRefresher(connections, registry, secrets, endpoint, publisher, clock, apps);
        TokenRefresher mine = new TokenRefresher(connections, registry, secrets, endpoint, publisher, clock, apps);
        Connection snapshot = connections.find(ann.workspaceId(), id).orElseThrow();

        List<String> tokens = runConcurrently(20, i -> (i % 2 == 0 ? mine : other).accessToken(snapshot));

        Connection after = connections.find(ann.workspaceId(), id).orElseThrow();
        assertThat(after.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(tokenRequests(drain(SERVER)).size()).isBetween(1, 2);
        assertThat(new java.util.HashSet<>(tokens))
                .as("everyone ends up with the winner's token")
                .hasSize(1);
        assertThat(tokens.getFirst()).isEqualTo(accessToken(ann, id));
        assertThat(after.tokenVersion()).isEqualTo(snapshot.tokenVersion() + 1);
        expireSoon(ann, id);
        assertThat(accessToken(ann, id))
                .as("the saved refresh token still works")
                .isNotEqualTo(tokens.getFirst());
    }

    @Test
    void invalidGrantMarksTheConnectionAndTellsTheOwnerOnce() {
        var ann = users.signUp("ann");
        Browser browser = Browser.signedIn(port, ann.email());
        String id = connect(ann, browser, "?name=Ann%20OAuth").connectionId();
        Connection c = connections.find(ann.workspaceId(), id).orElseThrow();
        secrets.update(
                c.refreshTokenSecretId(), c.workspaceId(), c.secretOwner(), "oauth-refresh-token", "revoked-meanwhile");
        expireSoon(ann, id);

        assertThatThrownBy(() -> accessToken(ann, id))
                .isInstanceOf(ConnectorException.NeedsReconnect.class)
                .hasMessageContaining("invalid_grant");
        assertThatThrownBy(() -> accessToken(ann, id)).isInstanceOf(ConnectorException.NeedsReconnect.class);

        var shown = users.as(ann).get("/api/v1/connections/" + id).json();
        assertThat(shown.get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(shown.get("statusReason").asString()).contains("invalid_grant", "connect it again");
        assertThat(events.stream(ConnectionNeedsReconnect.class))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.connectionId()).isEqualTo(id);
                    assertThat(e.ownerUserId()).isEqualTo(ann.id());
                    assertThat(e.workspaceId()).isEqualTo(ann.workspaceId());
                });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE workspace_id = :ws AND type ="
                                + " 'connection.needs_reconnect'")
                        .param("ws", ann.workspaceId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        String page = browser.get("/connections").body();
        assertThat(page).contains("id=\"reconnect-notice\"", "Ann OAuth", "invalid_grant");
        assertThat(page).contains("/connections/oauth/testoauth/start?connection=" + id);
        var action =
                users.as(ann).post("/api/v1/connections/" + id + "/actions/testoauth.whoami", Map.of("note", "hi"));
        assertThat(action.status()).isEqualTo(424);

        // reconnecting through the provider puts the same connection back to work
        var again = connect(ann, browser, "?connection=" + id);
        assertThat(again.connectionId()).isEqualTo(id);
        assertThat(users.as(ann)
                        .get("/api/v1/connections/" + id)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("connected");
        assertThat(users.as(ann).get("/api/v1/connections").json().size()).isEqualTo(1);
        assertThat(browser.get("/connections").body()).doesNotContain("id=\"reconnect-notice\"");
    }

    @Test
    void deleteRevokesTheRefreshTokenAtTheProviderThenDeletesTheSecrets() {
        var ann = users.signUp("ann");
        String id = connected(ann);
        String refresh = refreshToken(ann, id);
        Connection c = connections.find(ann.workspaceId(), id).orElseThrow();
        drain(SERVER);

        assertThat(users.as(ann).delete("/api/v1/connections/" + id).status()).isEqualTo(204);

        List<RecordedRequest> revocations = drain(SERVER).stream()
                .filter(r -> r.getPath().endsWith("/revoke"))
                .toList();
        assertThat(revocations).hasSize(1);
        Map<String, String> sent = form(revocations.getFirst().getBody().readUtf8());
        assertThat(sent).containsEntry("token", refresh).containsEntry("token_type_hint", "refresh_token");
        assertThat(revocations.getFirst().getHeader("Authorization")).startsWith("Basic ");
        var after = postForm(
                SERVER.tokenEndpointUrl("atom").toString(), "grant_type=refresh_token&refresh_token=" + refresh);
        assertThat(after.body()).as("the provider forgot the token").contains("invalid_grant");
        assertThat(secrets.get(c.refreshTokenSecretId(), c.workspaceId(), c.secretOwner(), "oauth-refresh-token"))
                .isEmpty();
        assertThat(secrets.get(c.accessTokenSecretId(), c.workspaceId(), c.secretOwner(), "oauth-access-token"))
                .isEmpty();
    }

    interface Call {
        String run(int i) throws Exception;
    }

    /** Starts {@code n} virtual threads at one signal and collects what each returned. */
    private static List<String> runConcurrently(int n, Call call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, String> out = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    out.put(k, call.run(k));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(out.get(i));
        }
        return tokens;
    }
}
