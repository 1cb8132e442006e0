package dev.atom.workspace.calendar;

import dev.atom.connectors.ConnectorException;
import dev.atom.connectors.Connectors;
import dev.atom.connectors.UnknownReference;
import dev.atom.shared.web.ApiException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Runs a calendar connector action for the calendar API and turns its failures into answers about the request:
 * a refused input names the event field it came from, a connection that needs reconnecting is a 409, a service
 * that is down or throttling a 503, anything else the service refused a 422 with its reason. Stateless.
 */
final class ConnectorCalls {
    private ConnectorCalls() {}

    /** Runs it as {@code caller} (their rights checked, the call recorded in the connection's call log). */
    static JsonNode run(
            Connectors connectors,
            Connectors.Caller caller,
            String connectionId,
            String action,
            JsonNode input,
            String key) {
        try {
            return connectors.runRecorded(caller, connectionId, action, input, key);
        } catch (ConnectorException.InvalidInput e) {
            var p = e.problems().isEmpty() ? null : e.problems().getFirst();
            throw ApiException.invalid(p == null ? "body" : field(p.field()), p == null ? "was refused" : p.message());
        } catch (ConnectorException.NeedsReconnect e) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "needs-reconnect", "The calendar's connection needs to be reconnected");
        } catch (ConnectorException.Retriable e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable",
                    "The calendar service did not answer; try again shortly");
        } catch (ConnectorException.Permanent e) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "service-refused",
                    "The calendar service refused: " + e.getMessage());
        } catch (UnknownReference e) {
            throw ApiException.notFound("Calendar");
        }
    }

    /** The event field an action's input field stands for. */
    private static String field(String actionField) {
        String f = actionField.startsWith("input.") ? actionField.substring(6) : actionField;
        return switch (f.contains(".") ? f.substring(0, f.indexOf('.')) : f) {
            case "summary", "subject" -> "title";
            case "body" -> "description";
            case "calendarId", "calendar" -> "calendar";
            case "start", "end", "location", "attendees", "description", "timeZone" -> f;
            default -> "id";
        };
    }
}
