package dev.atom.connectors.dropbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.internal.TestOAuthConnections;
import dev.atom.testing.OpenApiContract;
import dev.atom.testing.StubbedServiceTestBase;
import dev.atom.testing.TestHttp;
import dev.atom.testing.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Dropbox against the shared stub: the API and content hosts both under /2 (a base URL other than
 * api.dropboxapi.com serves both), an OAuth connection with a stored token per test, and after each test
 * every request checked against src/test/resources/api-specs/dropbox.yaml (Dropbox publishes no description;
 * the file says where each shape comes from). The token endpoint is not Dropbox API v2, so it is not checked.
 */
abstract class DropboxTestBase extends StubbedServiceTestBase {
    static final String TOKEN = "sl.test-access-token";

    @Autowired
    ApplicationContext context;

    @Autowired
    Connectors connectors;

    TestUsers users;
    TestUsers.User user;
    String connection;

    @BeforeEach
    void connect() {
        users = new TestUsers(this::http);
        user = users.signUp("dana");
        connection = new TestOAuthConnections(context).create(user.workspaceId(), user.id(), "dropbox", TOKEN);
    }

    @AfterEach
    void everyRequestIsOneDropboxAccepts() {
        OpenApiContract.local("dropbox.yaml").assertRequestsValid(STUB, "/2", "/oauth2/token");
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
