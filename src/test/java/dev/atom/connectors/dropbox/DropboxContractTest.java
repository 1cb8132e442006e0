package dev.atom.connectors.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

/** The hand-written Dropbox description refuses what Dropbox refuses, so the connector tests can fail. */
class DropboxContractTest {
    private final OpenApiContract dropbox = OpenApiContract.local("dropbox.yaml");

    @Test
    void acceptsWhatTheConnectorSends() {
        assertThat(dropbox.violations(
                        "POST",
                        "/files/list_folder",
                        "application/json",
                        "{\"path\":\"\",\"recursive\":true,\"limit\":500}"))
                .isEmpty();
    }

    @Test
    void refusesUnknownFieldsRootAsSlashAndMissingArguments() {
        assertThat(dropbox.violations(
                        "POST", "/files/list_folder", "application/json", "{\"path\":\"\",\"deep\":true}"))
                .isNotEmpty();
        assertThat(dropbox.violations("POST", "/files/list_folder", "application/json", "{\"path\":\"/\"}"))
                .isNotEmpty();
        assertThat(dropbox.violations("POST", "/files/list_folder/continue", "application/json", "{}"))
                .isNotEmpty();
        assertThat(dropbox.violations("POST", "/files/download", null, null)).isNotEmpty(); // no Dropbox-API-Arg
        assertThat(dropbox.violations(
                        "POST",
                        "/files/search_v2",
                        "application/json",
                        "{\"query\":\"x\",\"options\":{\"max_results\":0}}"))
                .isNotEmpty();
        assertThat(dropbox.violations("POST", "/files/list", "application/json", "{}"))
                .isNotEmpty();
    }
}
