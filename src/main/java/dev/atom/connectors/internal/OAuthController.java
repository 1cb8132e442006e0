package dev.atom.connectors.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * OAuth connect: the API start (bearer token; errors as problem+json), the browser start for the Connect
 * button, and the provider's callback. The browser routes always answer with a redirect to /connections
 * carrying a short outcome code (never provider text, never a stack trace); the page says what it means.
 */
@RestController
class OAuthController {
    private static final Logger log = LoggerFactory.getLogger(OAuthController.class);
    private final OAuthFlow flow;

    OAuthController(OAuthFlow flow) {
        this.flow = flow;
    }

    @GetMapping("/api/v1/connections/oauth/{connector}/start")
    ResponseEntity<Void> apiStart(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String connector,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String connection) {
        return redirect(flow.start(user, connector, connection, name));
    }

    @GetMapping("/connections/oauth/{connector}/start")
    ResponseEntity<Void> browserStart(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String connector,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String connection) {
        try {
            return redirect(flow.start(user, connector, connection, name));
        } catch (ApiException e) {
            String code = e.status() == HttpStatus.SERVICE_UNAVAILABLE
                    ? "not_configured"
                    : e.status() == HttpStatus.NOT_FOUND ? "unknown" : "failed";
            return outcome(code, connector, null);
        }
    }

    @GetMapping(OAuthFlow.CALLBACK_PATH)
    ResponseEntity<Void> callback(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription) {
        try {
            Connection c = flow.callback(user, state, code, error, errorDescription);
            return outcome("connected", c.connector(), c.id());
        } catch (OAuthFlow.Failed e) {
            String providerError = "provider_error".equals(e.code()) || "denied".equals(e.code()) ? error : null;
            return outcome(e.code(), e.connector(), null, providerError);
        } catch (RuntimeException e) {
            log.warn("an OAuth callback failed: {}", e.getClass().getSimpleName());
            return outcome("failed", null, null);
        }
    }

    private static ResponseEntity<Void> redirect(String url) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, url)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static ResponseEntity<Void> outcome(String code, String connector, String connectionId) {
        return outcome(code, connector, connectionId, null);
    }

    private static ResponseEntity<Void> outcome(
            String code, String connector, String connectionId, String providerError) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/connections").queryParam("oauth", code);
        if (connector != null) {
            uri.queryParam("connector", connector);
        }
        if (connectionId != null) {
            uri.queryParam("connection", connectionId);
        }
        if (providerError != null && providerError.matches("[a-z_]{1,40}")) {
            uri.queryParam("error", providerError); // RFC 6749 codes only; free text could be a phishing line
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(uri.build().toUriString()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
