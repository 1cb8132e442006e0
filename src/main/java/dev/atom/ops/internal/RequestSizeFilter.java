package dev.atom.ops.internal;

import dev.atom.shared.web.BodyTooLargeException;
import dev.atom.shared.web.FilterProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies so no caller can make Atom hold an unbounded body in memory: the OpenAI-compatible
 * face ({@code /v1/}, where images travel inline) takes up to {@code aiLimit} bytes, everything else up to
 * {@code limit}. A declared Content-Length over the cap is answered 413 before anything is read; a body
 * without one is counted as it is read and stops with {@link BodyTooLargeException} (which the problem
 * handler turns into a 413). Thread-safe.
 */
class RequestSizeFilter extends OncePerRequestFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final long limit;
    private final long aiLimit;

    RequestSizeFilter(long limit, long aiLimit) {
        this.limit = limit;
        this.aiLimit = aiLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean openAiFace = request.getRequestURI().startsWith("/v1/");
        long max = openAiFace ? aiLimit : limit;
        long declared = request.getContentLengthLong();
        if (declared > max) {
            refuse(response, openAiFace, declared, max);
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Counted(request, max), response);
    }

    private static void refuse(HttpServletResponse response, boolean openAiFace, long size, long max)
            throws IOException {
        String message = "The request body has " + size + " bytes; at most " + max + " are accepted here.";
        response.setHeader("Connection", "close"); // the unread body is not worth draining
        if (openAiFace) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("type", "invalid_request_error");
            error.put("param", null);
            error.put("code", "request_too_large");
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(JSON.writeValueAsString(Map.of("error", error)));
        } else {
            FilterProblems.write(response, HttpStatus.CONTENT_TOO_LARGE, "too-large", message);
        }
        response.flushBuffer(); // out before the server would wait for a body the client holds back (100-continue)
    }

    /** A request whose body stream fails once more than {@code max} bytes were read from it. */
    private static final class Counted extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        CountingStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
