package dev.atom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract helper itself: it must find what a real Google API would refuse, and pass what it accepts. */
class OpenApiContractTest {
    private final OpenApiContract calendar = OpenApiContract.of("google-calendar.json", true, spec -> {});

    @Test
    void aWellFormedRequestPasses() {
        assertThat(calendar.violations(
                        "POST",
                        "/calendar/v3/calendars/primary/events?sendUpdates=all",
                        "application/json",
                        "{\"summary\":\"x\",\"start\":{\"dateTime\":\"2026-03-02T09:30:00+01:00\"}}"))
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
