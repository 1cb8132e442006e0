package dev.atom.shared.web;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address users and services reach Atom at ({@code ATOM_PUBLIC_URL}), for links Atom hands out: OAuth
 * redirect URIs, webhook URLs. Without it, {@code http://localhost:<port>}, right only on a laptop.
 */
@Component
public class PublicUrl {
    private final Environment env;

    public PublicUrl(Environment env) {
        this.env = env;
    }

    /** The base, without a trailing slash. */
    public String base() {
        String base = env.getProperty("atom.public-url", "");
        if (base.isBlank()) {
            base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        }
        return base.strip().replaceAll("/+$", "");
    }

    /** The base followed by {@code path} (which starts with a slash). */
    public String of(String path) {
        return base() + path;
    }
}
