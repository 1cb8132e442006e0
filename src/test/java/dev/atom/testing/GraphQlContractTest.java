package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GraphQL contract itself on the three published schemas connectors will use: each parses with graphql-java,
 * a document the service accepts passes, and an unknown field or a missing required argument fails naming why.
 */
class GraphQlContractTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "linear.graphql  | query Me { viewer { id name email } }",
                "linear.graphql  | query Issue($id: String!) { issue(id: $id) { id title state { name } } }",
                "monday.graphql  | query { me { id name } }",
                "shopify-admin.graphql | query { shop { name } }"
            })
    void aDocumentTheServiceAcceptsPasses(String file, String query) {
        assertThat(GraphQlContract.of(file).violations(query)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "linear.graphql  | query { viewer { id nickname } } | nickname",
                "linear.graphql  | query { issue { id } }            | id",
                "monday.graphql  | query { me { id } boards(ids: \"x\" ) { nope } } | nope",
                "shopify-admin.graphql | query { shop { name | ",
            })
    void anUnknownFieldOrAMissingArgumentFailsNamingIt(String file, String query, String named) {
        var problems = GraphQlContract.of(file).violations(query);
        assertThat(problems).isNotEmpty();
        if (named != null) {
            assertThat(String.join("\n", problems)).contains(named);
        }
    }
}
