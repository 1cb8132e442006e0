package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * The published description a connector's requests are checked against ({@link ConnectorContractTestBase}):
 * an OpenAPI file ({@link OpenApiContract}), a GraphQL schema ({@link GraphQlContract}), or, where the service
 * publishes none, {@link #none} with the reason (the test then checks the documented shapes itself, and says so).
 */
public sealed interface ApiDescription {

    /** Fails listing every request the real API would refuse; {@code mountPrefix} is cut from paths first. */
    void assertRequestsValid(List<LoggedRequest> requests, String mountPrefix);

    /** Whether requests are checked at all. */
    default boolean checks() {
        return true;
    }

    /**
     * An OpenAPI description ({@code OpenApiContract.of("trello.json")}, {@code .subset(...)}, {@code .strict(...)},
     * or {@code .local(...)} for one kept in this repository); {@code undescribed}: path regexes the file lacks
     * though the real API has them, skipped (say why in the test).
     */
    static ApiDescription openApi(OpenApiContract contract, String... undescribed) {
        return new OpenApi(contract, List.of(undescribed));
    }

    /** A GraphQL schema file under ../shared/api-specs ({@code linear.graphql}). */
    static ApiDescription graphQl(String file) {
        return new GraphQl(GraphQlContract.of(file));
    }

    /** The service publishes no description (see ../shared/api-specs/README.md): {@code why}, in a sentence. */
    static ApiDescription none(String why) {
        assertThat(why)
                .as("why the service's requests are not checked against a description")
                .hasSizeGreaterThan(20);
        return new None(why);
    }

    record OpenApi(OpenApiContract contract, List<String> undescribed) implements ApiDescription {
        @Override
        public void assertRequestsValid(List<LoggedRequest> requests, String mountPrefix) {
            contract.assertRequestsValid(requests, mountPrefix, undescribed.toArray(String[]::new));
        }
    }

    record GraphQl(GraphQlContract contract) implements ApiDescription {
        @Override
        public void assertRequestsValid(List<LoggedRequest> requests, String mountPrefix) {
            contract.assertRequestsValid(requests);
        }
    }

    record None(String why) implements ApiDescription {
        @Override
        public void assertRequestsValid(List<LoggedRequest> requests, String mountPrefix) {}

        @Override
        public boolean checks() {
            return false;
        }
    }
}
