package dev.atom.ops.internal;

import dev.atom.shared.Ids;
import dev.atom.shared.web.ProblemHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is short and harmless, a new UUIDv7
 * otherwise. The id goes into the MDC (so every log line carries it), into the response header (set before
 * the chain runs, so 401s and errors carry it too) and, through the MDC, into problem+json bodies. It runs
 * before Spring Security and again on error dispatches, which happen after this filter's first pass ended.
 * Thread-safe and stateless.
 */
class RequestIdFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    // Short and free of spaces, quotes and control characters: safe in logs, headers and JSON.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = requestId(request);
        String previous = MDC.get(ProblemHandler.REQUEST_ID);
        MDC.put(ProblemHandler.REQUEST_ID, id);
        response.setHeader(HEADER, id);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isDebugEnabled()) {
                log.debug(
                        "{} {} -> {} in {} ms",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            if (previous == null) {
                MDC.remove(ProblemHandler.REQUEST_ID);
            } else {
                MDC.put(ProblemHandler.REQUEST_ID, previous);
            }
        }
    }

    /** The id of this request, kept as an attribute so the error dispatch reuses it. */
    private static String requestId(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String existing) {
            return existing;
        }
        String incoming = request.getHeader(HEADER);
        String id = isSafe(incoming) ? incoming : Ids.newId();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }
}
