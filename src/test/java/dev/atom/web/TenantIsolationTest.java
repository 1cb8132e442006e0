package dev.atom.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.AppTestBase;
import dev.atom.testing.PageSession;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import dev.atom.workspace.sync.SyncStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Proves tenant isolation over the application's own route table, so routes added later are covered
 * automatically: every API route that takes an id answers 404 to a user of another workspace (and leaves the
 * thing untouched), and no list route shows another workspace's items. A new id-taking route fails
 * {@link #everyIdRouteHasAFixture} until it gets a fixture below.
 *
 * <p>The second axis is member against member inside one workspace: every route that names something private
 * (a private connection, its actions, calls and sync state, a workflow using it and that workflow's runs, a
 * personal AI key, what her private mail, calendar and issue connections synced, her own events and VIPs) answers
 * 404 to another plain member, with the same fixtures pointed at Alice's private things, and no list (inbox,
 * calendar, conflicts, find-time, search, tasks of every app, briefing, ...) shows them to that member. The
 * session-side routes the pages call (/calendar/api, /inbox/..., /connections/{id}/sync, /tasks/work/...) are
 * walked the same way with signed-in browser sessions.
 */
class TenantIsolationTest extends AppTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<SyncStore> stores;

    private TestUsers users;
    private TestUsers.User alice;
    private TestUsers.User bob;
    private TestUsers.User carol;
    private final Map<String, String> aliceIds = new LinkedHashMap<>();
    /** Alice's private things, which Carol (a member of her workspace) must not see. */
    private final Map<String, String> privateIds = new LinkedHashMap<>();

    /** The route families that name something that can be private to a member. */
    private static final List<String> PRIVATE_FAMILIES = List.of(
            "/api/v1/connections/",
            "/api/v1/workflows/{id}",
            "/api/v1/runs/{id}",
            "/api/v1/ai/keys/{id}",
            "/api/v1/inbox/",
            "/api/v1/calendar/",
            "/api/v1/assistant/");

    /** The session-side routes (called by the pages) that name synced or personal things. */
    private static final List<String> PAGE_FAMILIES =
            List.of("/calendar/api/", "/inbox/", "/connections/{id}/sync", "/tasks/work/", "/assistant/api/");

    /** The pages (and their fragments) that list synced or personal things; "/" is the briefing. */
    private static final List<String> SESSION_LISTS =
            List.of("/inbox", "/calendar", "/search", "/tasks", "/home", "/connections");

    /** What every title of Alice's private synced things starts with; another member's answers never hold it. */
    private static final String PRIVATE_MARK = "Alice's private";

    /** The query a list route needs to show anything (its defaults otherwise). */
    private static final Map<String, String> LIST_QUERIES = Map.of(
            "/api/v1/search", "?q=dentist%20mail%20issue",
            "/api/v1/tasks", "?source=all",
            "/search/results", "?q=dentist%20mail%20issue",
            "/tasks/list", "?source=all");

    record Route(String method, String pattern) {}

    /** Alice owns a workspace with a task, a token, an invitation and a member (Carol); Bob owns another. */
    @BeforeEach
    void twoWorkspaces() {
        users = new TestUsers(this::http);
        alice = users.signUp("alice");
        bob = users.signUp("bob");
        carol = users.invite("carol", alice, "member");
        var task = users.as(alice).post("/api/v1/tasks", Map.of("title", "Alice's secret plan", "tags", List.of("x")));
        assertThat(task.status()).as(task.toString()).isEqualTo(201);
        var token = users.as(alice).post("/api/v1/tokens", Map.of("name", "alice-script"));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        var invitation = users.as(alice)
                .post(
                        "/api/v1/workspaces/" + alice.workspaceId() + "/invitations",
                        Map.of("email", TestUsers.uniqueEmail("dave"), "role", "member"));
        assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
        var budget = users.as(alice)
                .put("/api/v1/ai/budgets", Map.of("scope", "workspace", "period", "month", "limitUsd", 50));
        assertThat(budget.status()).as(budget.toString()).isEqualTo(200);
        aliceIds.put("budget", budget.json().get("id").asString());
        var aiKey = users.as(alice)
                .post("/api/v1/ai/keys", Map.of("provider", "openai", "apiKey", "sk-alice-0123456789abcdef0123"));
        assertThat(aiKey.status()).as(aiKey.toString()).isEqualTo(201);
        var price = users.as(alice)
                .put("/api/v1/ai/prices/overrides", Map.of("model", "openai/gpt-5.6-luna", "input", 1, "output", 2));
        assertThat(price.status()).as(price.toString()).isEqualTo(200);
        aliceIds.put("aiKey", aiKey.json().get("id").asString());
        aliceIds.put("priceOverride", price.json().get("id").asString());
        var connection = users.as(alice)
                .post(
                        "/api/v1/connections",
                        Map.of("connector", "http", "name", "Alice's web", "credentials", Map.of()));
        assertThat(connection.status()).as(connection.toString()).isEqualTo(201);
        aliceIds.put("connection", connection.json().get("id").asString());
        var workflow = users.as(alice)
                .post(
                        "/api/v1/workflows",
                        Map.of(
                                "definition",
                                Map.of(
                                        "name", "Alice's flow",
                                        "trigger", Map.of("type", "webhook"),
                                        "steps",
                                                List.of(Map.of(
                                                        "id", "a", "type", "transform", "output", Map.of("x", 1))))));
        assertThat(workflow.status()).as(workflow.toString()).isEqualTo(201);
        aliceIds.put("workflow", workflow.json().get("id").asString());
        assertThat(users.as(alice)
                        .post("/api/v1/workflows/" + aliceIds.get("workflow") + "/publish", Map.of())
                        .status())
                .isEqualTo(200);
        var run = users.as(alice).post("/api/v1/workflows/" + aliceIds.get("workflow") + "/runs", Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        aliceIds.put("run", run.json().get("runId").asString());
        aliceIds.put("task", task.json().get("id").asString());
        aliceIds.put("token", token.json().get("id").asString());
        aliceIds.put("invitation", invitation.json().get("id").asString());
        aliceIds.put("workspace", alice.workspaceId());
        aliceIds.put("alice", alice.id());
        aliceIds.put("carol", carol.id());
        var conversation = users.as(alice).post("/api/v1/assistant/conversations", Map.of("title", "Alice's chat"));
        assertThat(conversation.status()).as(conversation.toString()).isEqualTo(201);
        aliceIds.put("conversation", conversation.json().get("id").asString());
        aliceIds.put("action", pendingActionOf(alice, aliceIds.get("conversation")));
        var rule = users.as(alice)
                .put("/api/v1/assistant/approval-rules", Map.of("tool", "tasks_delete", "mode", "always_ask"));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(200);
        aliceIds.put("approvalRule", rule.json().get("id").asString());
        privateThings();
        syncedThings();
    }

    /**
     * What Alice's private mail, calendar and issue connections synced, one shared mailbox of hers Carol may read,
     * a local event of her own and a VIP. The ids come from Alice's own lists, which proves she sees them.
     */
    private void syncedThings() {
        var data = new SyncedIsolationData(jdbc, stores);
        var mine = data.seed(alice.workspaceId(), alice.id(), "private", PRIVATE_MARK);
        data.seed(alice.workspaceId(), alice.id(), "shared", "Team");
        privateIds.put("mailConnection", mine.connections().get("gmail"));
        privateIds.put("message", idOf(users.as(alice).get("/api/v1/inbox"), "items", "subject", mine.mailSubject()));
        privateIds.put(
                "event", idOf(users.as(alice).get("/api/v1/calendar/events"), "events", "title", mine.eventTitle()));
        privateIds.put(
                "workItem", idOf(users.as(alice).get("/api/v1/tasks?source=all"), "items", "title", mine.issueTitle()));
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        var local = users.as(alice)
                .post(
                        "/api/v1/calendar/events",
                        Map.of(
                                "calendar",
                                "local",
                                "title",
                                PRIVATE_MARK + " lunch",
                                "start",
                                start.toString(),
                                "end",
                                start.plus(1, ChronoUnit.HOURS).toString(),
                                "timeZone",
                                "UTC"));
        assertThat(local.status()).as(local.toString()).isEqualTo(201);
        // another workspace's fixtures name her local event; a colleague's name her private synced one
        aliceIds.put("event", local.json().get("event").get("id").asString());
        aliceIds.put("message", privateIds.get("message"));
        aliceIds.put("workItem", privateIds.get("workItem"));
        var vip = users.as(alice).post("/api/v1/inbox/vips", Map.of("address", "vip@example.com"));
        assertThat(vip.status()).as(vip.toString()).isEqualTo(201);
        var share = users.as(alice).put("/api/v1/calendar/settings", Map.of("shareFreeBusy", true));
        assertThat(share.status()).as(share.toString()).isEqualTo(200);
    }

    private static String idOf(TestHttp.Response list, String field, String key, String value) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json()
                .get(field)
                .valueStream()
                .filter(i -> i.path(key).asString("").equals(value))
                .map(i -> i.get("id").asString())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + value + " in " + list));
    }

    /** A private connection, a published workflow using it with one run, and Alice's personal AI key. */
    private void privateThings() {
        var connection = users.as(alice)
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "connector",
                                "http",
                                "name",
                                "Alice's private web",
                                "visibility",
                                "private",
                                "credentials",
                                Map.of()));
        assertThat(connection.status()).as(connection.toString()).isEqualTo(201);
        String id = connection.json().get("id").asString();
        privateIds.put("connection", id);
        var workflow = users.as(alice)
                .post(
                        "/api/v1/workflows",
                        Map.of(
                                "definition",
                                Map.of(
                                        "name", "Alice's private flow",
                                        "trigger", Map.of("type", "webhook"),
                                        "steps",
                                                List.of(Map.of(
                                                        "id",
                                                        "a",
                                                        "action",
                                                        "http.request",
                                                        "connection",
                                                        id,
                                                        "input",
                                                        Map.of("method", "GET", "url", "http://127.0.0.1:9/"))))));
        assertThat(workflow.status()).as(workflow.toString()).isEqualTo(201);
        String workflowId = workflow.json().get("id").asString();
        privateIds.put("workflow", workflowId);
        assertThat(users.as(alice)
                        .post("/api/v1/workflows/" + workflowId + "/publish", Map.of())
                        .status())
                .isEqualTo(200);
        var run = users.as(alice).post("/api/v1/workflows/" + workflowId + "/runs", Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        privateIds.put("run", run.json().get("runId").asString());
        privateIds.put("aiKey", aliceIds.get("aiKey")); // a personal key: user scope
        // a conversation is private to its user whatever her role: Carol is refused the same one Bob is
        privateIds.put("conversation", aliceIds.get("conversation"));
    }

    /** The same fixtures pointed at Alice's private things instead of her shared ones. */
    private Map<String, Map<String, Object>> privateFixtures() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        fixtures().forEach((key, fixture) -> {
            String path = (String) fixture.get("path");
            for (String kind : List.of("connection", "workflow", "run", "event")) {
                path = path.replace(aliceIds.get(kind), privateIds.get(kind));
            }
            Map<String, Object> f = new LinkedHashMap<>(fixture);
            f.put("path", path);
            out.put(key, f);
        });
        return out;
    }

    /** The path of each id-taking route filled with Alice's ids, and the body a write would send. */
    private Map<String, Map<String, Object>> fixtures() {
        String ws = "/api/v1/workspaces/" + alice.workspaceId();
        Map<String, Map<String, Object>> f = new LinkedHashMap<>();
        f.put("GET /api/v1/tasks/{id}", Map.of("path", "/api/v1/tasks/" + aliceIds.get("task")));
        f.put(
                "PATCH /api/v1/tasks/{id}",
                Map.of("path", "/api/v1/tasks/" + aliceIds.get("task"), "body", Map.of("title", "pwned")));
        f.put("DELETE /api/v1/tasks/{id}", Map.of("path", "/api/v1/tasks/" + aliceIds.get("task")));
        f.put("DELETE /api/v1/tokens/{id}", Map.of("path", "/api/v1/tokens/" + aliceIds.get("token")));
        f.put("GET /api/v1/workspaces/{id}", Map.of("path", ws));
        f.put("PATCH /api/v1/workspaces/{id}", Map.of("path", ws, "body", Map.of("name", "pwned")));
        f.put("GET /api/v1/workspaces/{id}/members", Map.of("path", ws + "/members"));
        f.put(
                "PATCH /api/v1/workspaces/{id}/members/{userId}",
                Map.of("path", ws + "/members/" + carol.id(), "body", Map.of("role", "owner")));
        f.put("DELETE /api/v1/workspaces/{id}/members/{userId}", Map.of("path", ws + "/members/" + carol.id()));
        f.put(
                "POST /api/v1/workspaces/{id}/invitations",
                Map.of("path", ws + "/invitations", "body", Map.of("email", "eve@example.test", "role", "owner")));
        f.put("GET /api/v1/workspaces/{id}/invitations", Map.of("path", ws + "/invitations"));
        f.put(
                "DELETE /api/v1/workspaces/{id}/invitations/{invitationId}",
                Map.of("path", ws + "/invitations/" + aliceIds.get("invitation")));
        f.put("DELETE /api/v1/ai/budgets/{id}", Map.of("path", "/api/v1/ai/budgets/" + aliceIds.get("budget")));
        f.put("DELETE /api/v1/ai/keys/{id}", Map.of("path", "/api/v1/ai/keys/" + aliceIds.get("aiKey")));
        f.put(
                "POST /api/v1/ai/keys/{id}/test",
                Map.of("path", "/api/v1/ai/keys/" + aliceIds.get("aiKey") + "/test", "body", Map.of()));
        f.put(
                "DELETE /api/v1/ai/prices/overrides/{id}",
                Map.of("path", "/api/v1/ai/prices/overrides/" + aliceIds.get("priceOverride")));
        String connection = "/api/v1/connections/" + aliceIds.get("connection");
        f.put("GET /api/v1/connections/{id}", Map.of("path", connection));
        f.put(
                "PATCH /api/v1/connections/{id}",
                Map.of("path", connection, "body", Map.of("visibility", "shared", "name", "pwned")));
        f.put("GET /api/v1/connections/{id}/calls", Map.of("path", connection + "/calls"));
        f.put("POST /api/v1/connections/{id}/test", Map.of("path", connection + "/test"));
        f.put("DELETE /api/v1/connections/{id}", Map.of("path", connection));
        f.put(
                "GET /api/v1/connections/oauth/{connector}/start",
                Map.of("path", "/api/v1/connections/oauth/http/start?connection=" + aliceIds.get("connection")));
        f.put(
                "POST /api/v1/connections/{id}/actions/{action}",
                Map.of(
                        "path",
                        connection + "/actions/http.request",
                        "body",
                        Map.of("method", "GET", "url", "https://example.com/")));
        String workflow = "/api/v1/workflows/" + aliceIds.get("workflow");
        Map<String, Object> definition =
                Map.of("definition", Map.of("name", "pwned", "trigger", Map.of("type", "manual"), "steps", List.of()));
        f.put("GET /api/v1/workflows/{id}", Map.of("path", workflow));
        f.put("PUT /api/v1/workflows/{id}", Map.of("path", workflow, "body", definition));
        f.put("DELETE /api/v1/workflows/{id}", Map.of("path", workflow));
        f.put("GET /api/v1/workflows/{id}/export", Map.of("path", workflow + "/export"));
        f.put("POST /api/v1/workflows/{id}/publish", Map.of("path", workflow + "/publish"));
        f.put("POST /api/v1/workflows/{id}/enable", Map.of("path", workflow + "/enable"));
        f.put("POST /api/v1/workflows/{id}/disable", Map.of("path", workflow + "/disable"));
        f.put(
                "POST /api/v1/workflows/{id}/runs",
                Map.of("path", workflow + "/runs", "body", Map.of("input", Map.of())));
        f.put("POST /api/v1/workflows/{id}/webhook-secret", Map.of("path", workflow + "/webhook-secret"));
        f.put("GET /api/v1/runs/{id}", Map.of("path", "/api/v1/runs/" + aliceIds.get("run")));
        f.put("POST /api/v1/runs/{id}/replay", Map.of("path", "/api/v1/runs/" + aliceIds.get("run") + "/replay"));
        f.put("POST /api/v1/runs/{id}/cancel", Map.of("path", "/api/v1/runs/" + aliceIds.get("run") + "/cancel"));
        f.put(
                "POST /api/v1/runs/{id}/approvals/{stepId}",
                Map.of(
                        "path",
                        "/api/v1/runs/" + aliceIds.get("run") + "/approvals/ask",
                        "body",
                        Map.of("decision", "approve")));
        f.put("GET /api/v1/connections/{id}/sync", Map.of("path", connection + "/sync"));
        f.put("POST /api/v1/connections/{id}/sync", Map.of("path", connection + "/sync"));
        String message = "/api/v1/inbox/" + aliceIds.get("message");
        f.put("GET /api/v1/inbox/{id}", Map.of("path", message));
        for (String action : List.of("read", "unread", "archive", "summary")) {
            f.put("POST /api/v1/inbox/{id}/" + action, Map.of("path", message + "/" + action));
        }
        f.put(
                "POST /api/v1/inbox/{id}/snooze",
                Map.of("path", message + "/snooze", "body", Map.of("until", "2099-01-01T00:00:00Z")));
        f.put("POST /api/v1/inbox/{id}/reply", Map.of("path", message + "/reply", "body", Map.of("text", "pwned")));
        f.put("DELETE /api/v1/inbox/vips/{address}", Map.of("path", "/api/v1/inbox/vips/vip@example.com"));
        String event = "/api/v1/calendar/events/" + aliceIds.get("event");
        f.put("PATCH /api/v1/calendar/events/{id}", Map.of("path", event, "body", Map.of("title", "pwned")));
        f.put("DELETE /api/v1/calendar/events/{id}", Map.of("path", event));
        String chat = "/api/v1/assistant/conversations/" + aliceIds.get("conversation");
        f.put("GET /api/v1/assistant/conversations/{id}", Map.of("path", chat));
        f.put("PATCH /api/v1/assistant/conversations/{id}", Map.of("path", chat, "body", Map.of("title", "pwned")));
        f.put("DELETE /api/v1/assistant/conversations/{id}", Map.of("path", chat));
        f.put(
                "POST /api/v1/assistant/conversations/{id}/messages",
                Map.of("path", chat + "/messages", "body", Map.of("text", "add a task: pwned")));
        String action = "/api/v1/assistant/actions/" + aliceIds.get("action");
        f.put("POST /api/v1/assistant/actions/{id}/approve", Map.of("path", action + "/approve", "body", Map.of()));
        f.put("POST /api/v1/assistant/actions/{id}/reject", Map.of("path", action + "/reject", "body", Map.of()));
        f.put("POST /api/v1/assistant/actions/{id}/undo", Map.of("path", action + "/undo", "body", Map.of()));
        f.put(
                "DELETE /api/v1/assistant/approval-rules/{id}",
                Map.of("path", "/api/v1/assistant/approval-rules/" + aliceIds.get("approvalRule")));
        return f;
    }

    /**
     * The session-side routes' fixtures: the calendar page's JSON is the API's under /calendar/api, the Sync
     * panel's and the inbox page's actions mirror the API's; the rest are the pages' own.
     */
    private Map<String, Map<String, Object>> pageFixtures(Map<String, Map<String, Object>> api) {
        Map<String, Map<String, Object>> f = new LinkedHashMap<>();
        api.forEach((key, fixture) -> {
            String page = key.replace("/api/v1/calendar/", "/calendar/api/")
                    .replace("/api/v1/connections/{id}/sync", "/connections/{id}/sync")
                    .replace("/api/v1/inbox/{id}/", "/inbox/{id}/")
                    .replace("/api/v1/assistant/", "/assistant/api/");
            if (!page.equals(key)) {
                Map<String, Object> copy = new LinkedHashMap<>(fixture);
                copy.put(
                        "path",
                        ((String) fixture.get("path"))
                                .replace("/api/v1/calendar/", "/calendar/api/")
                                .replace("/api/v1/connections/", "/connections/")
                                .replace("/api/v1/inbox/", "/inbox/")
                                .replace("/api/v1/assistant/", "/assistant/api/"));
                f.put(page, copy);
            }
        });
        String message = (String) api.get("GET /api/v1/inbox/{id}").get("path");
        f.put("GET /inbox/{id}/thread", Map.of("path", message.replace("/api/v1/inbox/", "/inbox/") + "/thread"));
        String work = "/tasks/work/" + aliceIds.get("workItem");
        f.put("POST /tasks/work/{id}/complete", Map.of("path", work + "/complete"));
        f.put("POST /tasks/work/{id}/due", Map.of("path", work + "/due?dueDate=2099-01-01"));
        return f;
    }

    /**
     * Routes whose path variable is a capability, not an id of the caller's workspace: a workflow's webhook URL
     * is public by design and its unguessable token is the credential (WebhookTest covers unknown tokens).
     */
    private static final java.util.Set<String> CAPABILITY_ROUTES = java.util.Set.of(
            "GET /api/v1/hooks/{token}",
            "POST /api/v1/hooks/{token}",
            "PUT /api/v1/hooks/{token}",
            "PATCH /api/v1/hooks/{token}");

    /**
     * Routes whose path variable is a connector id (a service, the same in every workspace): they read and change
     * the caller's own workspace's settings for it, so another workspace's admin gets their own answer, not 404.
     * {@link #anotherWorkspacesAdminNeitherSeesNorChangesItsOAuthApp} proves nothing crosses.
     */
    private static final java.util.Set<String> CONNECTOR_ROUTES = java.util.Set.of(
            "GET /api/v1/connectors/{id}/oauth-app",
            "PUT /api/v1/connectors/{id}/oauth-app",
            "DELETE /api/v1/connectors/{id}/oauth-app");

    @Test
    void anotherWorkspacesAdminNeitherSeesNorChangesItsOAuthApp() {
        String app = "/api/v1/connectors/github/oauth-app";
        var set = users.as(alice).put(app, Map.of("clientId", "alice-gh-client", "clientSecret", "alice-gh-secret"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);

        var seen = users.as(bob).get(app);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("configured").asBoolean()).isFalse();
        assertThat(seen.body()).doesNotContain("alice-gh");
        assertThat(users.as(bob).delete(app).status()).isEqualTo(204);
        var bobs = users.as(bob).put(app, Map.of("clientId", "bob-gh-client", "clientSecret", "bob-gh-secret"));
        assertThat(bobs.status()).isEqualTo(200);
        assertThat(users.as(bob).delete(app).status()).isEqualTo(204);

        var hers = users.as(alice).get(app).json();
        assertThat(hers.get("source").asString()).isEqualTo("workspace");
        assertThat(hers.get("clientId").asString()).isEqualTo("alice-gh-client");
        var start = users.as(alice).get("/api/v1/connections/oauth/github/start");
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.header("Location")).contains("client_id=alice-gh-client");
        assertThat(users.as(bob).get("/api/v1/connections/oauth/github/start").status())
                .as("Bob removed his own app: GitHub is not set up for his workspace")
                .isEqualTo(503);
    }

    private List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/v1/")) {
                    continue;
                }
                info.getMethodsCondition().getMethods().forEach(m -> routes.add(new Route(m.name(), pattern)));
            }
        }
        assertThat(routes).as("the route table was read").isNotEmpty();
        return routes;
    }

    @Test
    void everyIdRouteHasAFixture() {
        var missing = new TreeSet<String>();
        apiRoutes().stream()
                .filter(r -> r.pattern().contains("{"))
                .map(r -> r.method() + " " + r.pattern())
                .filter(key -> !fixtures().containsKey(key)
                        && !CAPABILITY_ROUTES.contains(key)
                        && !CONNECTOR_ROUTES.contains(key))
                .forEach(missing::add);
        assertThat(missing)
                .as("id-taking routes without a tenant-isolation fixture in this test")
                .isEmpty();
    }

    @Test
    void anotherWorkspaceGets404OnEveryIdRouteAndChangesNothing() {
        var fixtures = fixtures();
        var checked = new ArrayList<String>();
        for (Route route : apiRoutes()) {
            String key = route.method() + " " + route.pattern();
            if (!fixtures.containsKey(key)) {
                continue;
            }
            var fixture = fixtures.get(key);
            TestHttp.Response response =
                    users.as(bob).send(route.method(), (String) fixture.get("path"), fixture.get("body"));
            assertThat(response.status()).as(key + " -> " + response).isEqualTo(404);
            assertThat(response.body()).as(key).doesNotContain("Alice's secret plan");
            checked.add(key);
        }
        assertThat(checked).as("routes walked").hasSizeGreaterThanOrEqualTo(fixtures.size());

        var task = users.as(alice).get("/api/v1/tasks/" + aliceIds.get("task"));
        assertThat(task.status()).isEqualTo(200);
        assertThat(task.json().get("title").asString()).isEqualTo("Alice's secret plan");
        assertThat(users.as(alice).get("/api/v1/tokens").body()).contains(aliceIds.get("token"));
        assertThat(users.as(alice).get("/api/v1/ai/budgets").body()).contains(aliceIds.get("budget"));
        var workspace = users.as(alice).get("/api/v1/workspaces/" + alice.workspaceId());
        assertThat(workspace.body()).doesNotContain("pwned");
        var members = users.as(alice).get("/api/v1/workspaces/" + alice.workspaceId() + "/members");
        var carolsRole = new ArrayList<String>();
        members.json().forEach(m -> {
            if (m.get("userId").asString().equals(carol.id())) {
                carolsRole.add(m.get("role").asString());
            }
        });
        assertThat(carolsRole).as("Carol is still a plain member").containsExactly("member");
        assertThat(users.as(alice).get("/api/v1/ai/keys").body()).contains(aliceIds.get("aiKey"));
        assertThat(users.as(alice).get("/api/v1/ai/prices/overrides").body()).contains(aliceIds.get("priceOverride"));
        var connection = users.as(alice).get("/api/v1/connections/" + aliceIds.get("connection"));
        assertThat(connection.status()).as("Alice's connection survived").isEqualTo(200);
        var workflow = users.as(alice).get("/api/v1/workflows/" + aliceIds.get("workflow"));
        assertThat(workflow.status()).as("Alice's workflow survived").isEqualTo(200);
        assertThat(workflow.json().get("name").asString()).isEqualTo("Alice's flow");
        assertThat(workflow.json().get("enabled").asBoolean()).isTrue();
        assertThat(users.as(alice)
                        .get("/api/v1/runs/" + aliceIds.get("run"))
                        .json()
                        .get("status")
                        .asString())
                .isNotEqualTo("cancelled");
        assertAliceChatUntouched();
        var invitations = users.as(alice).get("/api/v1/workspaces/" + alice.workspaceId() + "/invitations");
        assertThat(invitations.body()).contains(aliceIds.get("invitation")).doesNotContain("eve@example.test");
    }

    @Test
    void anotherMemberGets404OnEveryRouteNamingSomethingPrivateAndChangesNothing() {
        var fixtures = privateFixtures();
        var checked = new ArrayList<String>();
        for (Route route : apiRoutes()) {
            String key = route.method() + " " + route.pattern();
            if (!fixtures.containsKey(key) || PRIVATE_FAMILIES.stream().noneMatch(route.pattern()::startsWith)) {
                continue;
            }
            var fixture = fixtures.get(key);
            TestHttp.Response response =
                    users.as(carol).send(route.method(), (String) fixture.get("path"), fixture.get("body"));
            assertThat(response.status())
                    .as("Carol: " + key + " -> " + response)
                    .isEqualTo(404);
            assertThat(response.body()).as(key).doesNotContain("Alice's private");
            checked.add(key);
        }
        assertThat(checked)
                .as("member-axis routes walked")
                .contains(
                        "GET /api/v1/connections/{id}",
                        "PATCH /api/v1/connections/{id}",
                        "DELETE /api/v1/connections/{id}",
                        "POST /api/v1/connections/{id}/actions/{action}",
                        "GET /api/v1/connections/{id}/calls",
                        "POST /api/v1/connections/{id}/test",
                        "GET /api/v1/workflows/{id}",
                        "PUT /api/v1/workflows/{id}",
                        "POST /api/v1/workflows/{id}/runs",
                        "GET /api/v1/runs/{id}",
                        "POST /api/v1/runs/{id}/replay",
                        "DELETE /api/v1/ai/keys/{id}",
                        "POST /api/v1/ai/keys/{id}/test",
                        "GET /api/v1/connections/{id}/sync",
                        "POST /api/v1/connections/{id}/sync",
                        "GET /api/v1/inbox/{id}",
                        "POST /api/v1/inbox/{id}/read",
                        "POST /api/v1/inbox/{id}/unread",
                        "POST /api/v1/inbox/{id}/archive",
                        "POST /api/v1/inbox/{id}/snooze",
                        "POST /api/v1/inbox/{id}/reply",
                        "POST /api/v1/inbox/{id}/summary",
                        "DELETE /api/v1/inbox/vips/{address}",
                        "PATCH /api/v1/calendar/events/{id}",
                        "DELETE /api/v1/calendar/events/{id}",
                        "GET /api/v1/assistant/conversations/{id}",
                        "PATCH /api/v1/assistant/conversations/{id}",
                        "DELETE /api/v1/assistant/conversations/{id}",
                        "POST /api/v1/assistant/conversations/{id}/messages",
                        "POST /api/v1/assistant/actions/{id}/approve",
                        "POST /api/v1/assistant/actions/{id}/reject",
                        "POST /api/v1/assistant/actions/{id}/undo",
                        "DELETE /api/v1/assistant/approval-rules/{id}");

        var connection = users.as(alice).get("/api/v1/connections/" + privateIds.get("connection"));
        assertThat(connection.status()).isEqualTo(200);
        assertThat(connection.json().get("visibility").asString()).isEqualTo("private");
        assertThat(connection.json().get("name").asString()).isEqualTo("Alice's private web");
        var workflow = users.as(alice).get("/api/v1/workflows/" + privateIds.get("workflow"));
        assertThat(workflow.status()).isEqualTo(200);
        assertThat(workflow.json().get("name").asString()).isEqualTo("Alice's private flow");
        assertThat(users.as(alice).get("/api/v1/ai/keys").body()).contains(privateIds.get("aiKey"));
        assertAliceChatUntouched();
        privateSyncedThingsUntouched();
    }

    private void assertAliceChatUntouched() {
        var chat = users.as(alice).get("/api/v1/assistant/conversations/" + aliceIds.get("conversation"));
        assertThat(chat.status()).as(chat.toString()).isEqualTo(200);
        assertThat(chat.json().get("title").asString()).isEqualTo("Alice's chat");
        assertThat(chat.json().get("messages").size())
                .as("nobody else spoke in Alice's chat")
                .isZero();
        assertThat(jdbc.sql("SELECT status FROM assistant_actions WHERE id = ?")
                        .param(aliceIds.get("action"))
                        .query(String.class)
                        .single())
                .as("Alice's pending action is still hers to decide")
                .isEqualTo("pending");
        assertThat(users.as(alice).get("/api/v1/assistant/approval-rules").body())
                .as("Alice's approval rule is still hers")
                .contains(aliceIds.get("approvalRule"));
    }

    /**
     * A pending action of Alice's, written as the assistant stores one (a turn needs a model to propose it, and
     * this test is about who may decide it, not how it came to be).
     */
    private String pendingActionOf(TestUsers.User who, String conversation) {
        String id = dev.atom.shared.Ids.newId();
        String now = dev.atom.shared.time.Timestamps.format(java.time.Instant.now());
        jdbc.sql("""
                        INSERT INTO assistant_actions (id, workspace_id, user_id, conversation_id, message_id, tool,
                            input, preview, effect, time_zone, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'tasks_create', '{"title":"Plan the offsite"}', 'Create a task',
                            'own_write', 'UTC', 'pending', ?, ?)""")
                .params(id, who.workspaceId(), who.id(), conversation, dev.atom.shared.Ids.newId(), now, now)
                .update();
        return id;
    }

    /** Alice's mail is still unread and in her inbox, her event and VIP as they were. */
    private void privateSyncedThingsUntouched() {
        var mail = users.as(alice).get("/api/v1/inbox/" + privateIds.get("message"));
        assertThat(mail.status()).as(mail.toString()).isEqualTo(200);
        assertThat(mail.json().get("item").get("unread").asBoolean()).isTrue();
        assertThat(users.as(alice).get("/api/v1/inbox").body()).contains(privateIds.get("message"));
        assertThat(users.as(alice).get("/api/v1/calendar/events").body())
                .contains(privateIds.get("event"))
                .contains(aliceIds.get("event"))
                .doesNotContain("pwned");
        assertThat(users.as(alice).get("/api/v1/inbox/vips").body()).contains("vip@example.com");
    }

    @Test
    void listRoutesNeverShowAnotherMembersPrivateThings() {
        var walked = new ArrayList<String>();
        for (Route route : apiRoutes()) {
            if (!route.method().equals("GET") || route.pattern().contains("{")) {
                continue;
            }
            var response = users.as(carol).get(route.pattern() + LIST_QUERIES.getOrDefault(route.pattern(), ""));
            if (response.status() != 200) {
                continue;
            }
            assertNothingPrivate("GET " + route.pattern(), response.body());
            walked.add(route.pattern());
        }
        assertThat(walked)
                .contains(
                        "/api/v1/connections",
                        "/api/v1/workflows",
                        "/api/v1/runs",
                        "/api/v1/ai/keys",
                        "/api/v1/approvals",
                        "/api/v1/inbox",
                        "/api/v1/calendar/events",
                        "/api/v1/calendar/conflicts",
                        "/api/v1/calendar/calendars",
                        "/api/v1/search",
                        "/api/v1/tasks",
                        "/api/v1/briefing",
                        "/api/v1/assistant/conversations");
        // not empty for want of data: Carol sees Alice's shared mailbox and calendar (tasks of connected apps are
        // the ones assigned to the connection's owner, so Alice's alone)
        assertThat(users.as(carol).get("/api/v1/inbox").body()).contains("Team mail");
        assertThat(users.as(carol).get("/api/v1/calendar/events").body()).contains("Team dentist");

        // find-time with Alice, who shares free/busy: her busy blocks count, her titles never show
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
        var found = users.as(carol)
                .post(
                        "/api/v1/calendar/find-time",
                        Map.of(
                                "minutes", 30,
                                "from", from.toString(),
                                "to", from.plus(3, ChronoUnit.DAYS).toString(),
                                "timeZone", "UTC",
                                "attendees", List.of(alice.email())));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.body()).contains("\"atom\"");
        assertNothingPrivate("POST /api/v1/calendar/find-time", found.body());
    }

    /** Neither the id of anything private to Alice nor any of its titles. */
    private void assertNothingPrivate(String what, String body) {
        for (var id : privateIds.entrySet()) {
            assertThat(body).as(what + " shows Alice's private " + id.getKey()).doesNotContain(id.getValue());
        }
        assertThat(body).as(what).doesNotContain(PRIVATE_MARK).doesNotContain("Alice&#39;s private");
    }

    /** The page routes in {@link #PAGE_FAMILIES}, from the route table. */
    private List<Route> pageRoutes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (PAGE_FAMILIES.stream().anyMatch(pattern::startsWith)) {
                    info.getMethodsCondition().getMethods().forEach(m -> routes.add(new Route(m.name(), pattern)));
                }
            }
        }
        return routes;
    }

    @Test
    void sessionRoutesAnswer404ToAnotherWorkspaceAndToAnotherMemberForPrivateThings() {
        var bobsPage = PageSession.logIn(port, bob);
        var carolsPage = PageSession.logIn(port, carol);
        var theirs = pageFixtures(fixtures());
        var colleagues = pageFixtures(privateFixtures());
        var missing = new TreeSet<String>();
        var checked = new ArrayList<String>();
        for (Route route : pageRoutes()) {
            String key = route.method() + " " + route.pattern();
            if (!route.pattern().contains("{")) {
                continue;
            }
            if (!theirs.containsKey(key)) {
                missing.add(key);
                continue;
            }
            var other = bobsPage.send(
                    route.method(),
                    (String) theirs.get(key).get("path"),
                    theirs.get(key).get("body"));
            assertThat(other.status()).as("Bob: " + key + " -> " + other).isEqualTo(404);
            var colleague = carolsPage.send(
                    route.method(),
                    (String) colleagues.get(key).get("path"),
                    colleagues.get(key).get("body"));
            assertThat(colleague.status())
                    .as("Carol: " + key + " -> " + colleague)
                    .isEqualTo(404);
            // a 404 page may repeat the path asked for (the id), never what it names
            assertThat(colleague.body()).as("Carol: " + key).doesNotContain(PRIVATE_MARK);
            checked.add(key);
        }
        assertThat(missing).as("session routes without a fixture in this test").isEmpty();
        assertThat(checked)
                .contains(
                        "PATCH /calendar/api/events/{id}",
                        "DELETE /calendar/api/events/{id}",
                        "GET /inbox/{id}/thread",
                        "POST /inbox/{id}/read",
                        "POST /inbox/{id}/archive",
                        "POST /inbox/{id}/reply",
                        "GET /connections/{id}/sync",
                        "POST /connections/{id}/sync",
                        "POST /tasks/work/{id}/complete",
                        "POST /tasks/work/{id}/due");
        privateSyncedThingsUntouched();
    }

    /** Every page and fragment a member opens without an id (inbox, calendar, search, tasks, home) hides the rest. */
    @Test
    void sessionListsNeverShowAnotherMembersPrivateThings() {
        var carolsPage = PageSession.logIn(port, carol);
        var walked = new ArrayList<String>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if ((!pattern.equals("/") && SESSION_LISTS.stream().noneMatch(pattern::startsWith))
                        || pattern.contains("{")
                        || !info.getMethodsCondition()
                                .getMethods()
                                .contains(org.springframework.web.bind.annotation.RequestMethod.GET)) {
                    continue;
                }
                var response = carolsPage.get(pattern + LIST_QUERIES.getOrDefault(pattern, ""));
                if (response.status() != 200) {
                    continue;
                }
                assertNothingPrivate("GET " + pattern, response.body());
                walked.add(pattern);
            }
        }
        assertThat(walked)
                .contains(
                        "/", "/inbox", "/inbox/list", "/calendar", "/calendar/api/events", "/search/results", "/tasks");
        assertThat(carolsPage.get("/inbox").body()).contains("Team mail");
    }

    @Test
    void listRoutesNeverShowAnotherWorkspacesItems() {
        var walked = new ArrayList<String>();
        for (Route route : apiRoutes()) {
            if (!route.method().equals("GET") || route.pattern().contains("{")) {
                continue;
            }
            var response = users.as(bob).get(route.pattern());
            if (response.status() != 200) {
                continue;
            }
            for (var id : aliceIds.entrySet()) {
                assertThat(response.body())
                        .as("GET " + route.pattern() + " shows Alice's " + id.getKey())
                        .doesNotContain(id.getValue());
            }
            walked.add(route.pattern());
        }
        assertThat(walked)
                .contains(
                        "/api/v1/tasks",
                        "/api/v1/tokens",
                        "/api/v1/workspaces",
                        "/api/v1/audit",
                        "/api/v1/ai/keys",
                        "/api/v1/ai/prices/overrides",
                        "/api/v1/ai/models",
                        "/api/v1/connections",
                        "/api/v1/workflows",
                        "/api/v1/runs",
                        "/api/v1/approvals",
                        "/api/v1/assistant/conversations");
    }
}
