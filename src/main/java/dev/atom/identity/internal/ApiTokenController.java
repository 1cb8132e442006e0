package dev.atom.identity.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.identity.internal.ApiTokenRepository.ApiToken;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's personal API tokens in the acting workspace; the secret is returned only on creation. */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {
    private final ApiTokenService tokens;

    ApiTokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    record CreateRequest(String name) {}

    record CreatedView(String id, String name, String token, String prefix, Instant createdAt) {}

    record TokenView(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.prefix(), token.createdAt(), token.lastUsedAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedView create(
            @RequestBody CreateRequest body, @AuthenticationPrincipal CurrentUser caller, HttpServletRequest request) {
        var created = tokens.create(caller, body.name(), request.getRemoteAddr());
        ApiToken token = created.token();
        return new CreatedView(token.id(), token.name(), created.secret(), token.prefix(), token.createdAt());
    }

    @GetMapping
    List<TokenView> list(@AuthenticationPrincipal CurrentUser caller) {
        return tokens.list(caller).stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id, @AuthenticationPrincipal CurrentUser caller, HttpServletRequest request) {
        tokens.revoke(caller, id, request.getRemoteAddr());
    }
}
