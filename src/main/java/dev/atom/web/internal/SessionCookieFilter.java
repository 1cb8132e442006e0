package dev.atom.web.internal;

import dev.atom.identity.WebSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates browser requests by the {@code atom_session} cookie, whose value maps to a row of
 * {@code web_sessions} (not a servlet HttpSession), so sessions survive restarts and work on any instance.
 * Not a Spring bean, for the same reason as {@link BearerTokenFilter}.
 */
public final class SessionCookieFilter extends OncePerRequestFilter {
    public static final String COOKIE = "atom_session";

    private final WebSessions sessions;

    public SessionCookieFilter(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = cookieValue(request);
        if (value != null) {
            sessions.resolve(value).ifPresent(SignedIn::set);
        }
        chain.doFilter(request, response);
    }

    static String cookieValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
