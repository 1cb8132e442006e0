package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link OpenApiContract#strict}: it must find what a real Google API refuses though the discovery-based
 * description allows it (unknown query parameters and body fields), and pass what the API accepts.
 */
class OpenApiContractStrictTest {
    private final OpenApiContract calendar = OpenApiContract.strict("google-calendar.json", "", spec -> {});

    @Test
    void aWellFormedRequestPasses() {
        assertThat(calendar.violations(
                        "POST",
                        "/calendar/v3/calendars/primary/events?sendUpdates=all",
                        "application/json",
                        "{\"summary\":\"x\",\"start\":{\"dateTime\":\"2026-03-02T09:30:00+01:00\"}}"))
                .isEmpty();
        assertThat(calendar.violations(
                        "GET", "/calendar/v3/calendars/primary/events?maxResults=5&fields=items", null, null))
                .as("path-level parameters (fields) are declared too")
                .isEmpty();
    }

    @Test
    void unknownPathsParametersFieldsAndWrongTypesAreViolations() {
        assertThat(calendar.violations("GET", "/calendar/v3/calendars/primary/eventz", null, null))
                .isNotEmpty();
        assertThat(calendar.violations("GET", "/calendar/v3/calendars/primary/events?maxResult=5", null, null))
                .anySatisfy(v -> assertThat(v).contains("'maxResult' is not declared"));
        assertThat(calendar.violations("GET", "/calendar/v3/calendars/primary/events?maxResults=many", null, null))
                .isNotEmpty();
        assertThat(calendar.violations(
                        "POST", "/calendar/v3/calendars/primary/events", "application/json", "{\"title\":\"x\"}"))
                .anySatisfy(v -> assertThat(v).contains("title"));
        assertThat(calendar.violations(
                        "POST",
                        "/calendar/v3/calendars/primary/events",
                        "application/json",
                        "{\"start\":{\"dateTime\":\"tomorrow\"}}"))
                .isNotEmpty();
    }
}
