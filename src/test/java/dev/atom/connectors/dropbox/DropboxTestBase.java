package dev.atom.connectors.dropbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.ApiDescription;
import dev.atom.testing.ConnectorContractTestBase;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubMount;
import dev.atom.testing.StubSetting;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Dropbox against the shared stub: the API and content hosts both under /2 (a base URL other than
 * api.dropboxapi.com serves both), an OAuth connection with a stored token per test, and after each test
 * every request checked against src/test/resources/api-specs/dropbox.yaml (Dropbox publishes no description;
 * the file says where each shape comes from). The token endpoint is not Dropbox API v2, so it is not checked.
 */
@StubMount(property = "ATOM_DROPBOX_BASE_URL", path = "/2")
@StubMount(property = "ATOM_DROPBOX_TOKEN_URL", path = "/oauth2/token")
@StubSetting(property = "ATOM_DROPBOX_CLIENT_ID", value = "atom-dropbox-test")
@StubSetting(property = "ATOM_DROPBOX_CLIENT_SECRET", value = "dropbox-test-secret")
abstract class DropboxTestBase extends ConnectorContractTestBase {
    static final String TOKEN = "sl.test-access-token";

    @Autowired
    ApplicationContext context;

    TestUsers users;
    TestUsers.User user;
    String connection;

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("dana");
        connection = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "dropbox", TOKEN);
    }

    @Override
    protected String connectorId() {
        return "dropbox";
    }

    @Override
    protected Set<String> expectedActions() {
        return actions(
                "dropbox.list_folder",
                "dropbox.download",
                "dropbox.upload",
                "dropbox.create_shared_link",
                "dropbox.search");
    }

    /** The token endpoint (under its own mount) is OAuth's, not API v2: not in the description. */
    @Override
    protected ApiDescription apiDescription() {
        return ApiDescription.openApi(OpenApiContract.local("dropbox.yaml"));
    }

    static MappingBuilder rpc(String endpoint) {
        return post(urlPathEqualTo("/2/" + endpoint));
    }

    static MappingBuilder rpc(String endpoint, String token) {
        return rpc(endpoint).withHeader("Authorization", equalTo("Bearer " + token));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String summary, String tag) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_summary\":\"" + summary + "\",\"error\":{\".tag\":\"" + tag + "\"}}");
    }

    TestHttp.Response run(String action, Map<String, ?> input) {
        return users.as(user).post("/api/v1/connections/" + connection + "/actions/" + action, input);
    }
}
