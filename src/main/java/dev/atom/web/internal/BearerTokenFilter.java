package dev.atom.web.internal;

import dev.atom.identity.BearerTokens;
import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests by {@code Authorization: Bearer <access token or personal API token>}; the
 * caller acts in the token's workspace or in the one named by {@code X-Atom-Workspace}. A request without a
 * valid token goes on unauthenticated, and the chain's rules answer 401 where a caller is required. Not a
 * Spring bean on purpose: as one, Boot would also register it for every request outside the chain.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {
    public static final String WORKSPACE_HEADER = "X-Atom-Workspace";

    private final BearerTokens tokens;
    private final ProblemResponses problems;

    public BearerTokenFilter(BearerTokens tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<CurrentUser> user;
            try {
                user = tokens.authenticate(header.substring(7).strip(), request.getHeader(WORKSPACE_HEADER));
            } catch (ApiException e) {
                problems.write(response, e);
                return;
            }
            user.ifPresent(SignedIn::set);
        }
        chain.doFilter(request, response);
    }
}
