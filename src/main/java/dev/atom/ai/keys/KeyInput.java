package dev.atom.ai.keys;

import dev.atom.shared.net.BlockedUrlException;
import dev.atom.shared.net.SsrfGuard;
import dev.atom.shared.web.FieldErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A new key as the client sent it, checked field by field so one answer names every bad field. The key itself
 * is never echoed in a message. {@code baseUrl} goes through the shared {@link SsrfGuard} (see {@link
 * #baseUrlProblem}).
 */
record KeyInput(
        String provider,
        String apiKey,
        String name,
        String baseUrl,
        AiKey.Scope scope,
        String deployment,
        String apiVersion) {

    static final int MAX_KEY = 1024;
    static final int MIN_KEY = 20;
    static final int MIN_COMPATIBLE_KEY = 4;
    static final int MAX_NAME = 80;
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,31}");

    /**
     * What is wrong with a user-supplied base URL, or empty. The guard refuses what is not plain http(s) and
     * local or private addresses (unless allowed in ATOM_HTTP_ALLOW_HOSTS); a name that does not resolve now is
     * accepted (it is checked again before every call, see {@link AiKeyService#credentials}).
     */
    static Optional<String> baseUrlProblem(SsrfGuard guard, String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.of("must not have a query or fragment");
            }
            guard.check(uri);
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("must be a valid URL");
        } catch (BlockedUrlException e) {
            return e.reason() == BlockedUrlException.Reason.UNRESOLVED ? Optional.empty() : Optional.of(e.getMessage());
        }
    }

    static KeyInput parse(JsonNode body, SsrfGuard urls, FieldErrors errors) {
        if (body == null || !body.isObject()) {
            errors.add("provider", "is required").throwIfAny();
        }
        String provider = text(body, "provider", errors);
        ProviderInfo info = null;
        if ((provider == null || provider.isBlank()) && !wrongType(body, "provider")) {
            errors.add("provider", "is required");
        } else if (Providers.find(provider).isEmpty()) {
            errors.add(
                    "provider",
                    "must be one of "
                            + String.join(
                                    ", ",
                                    Providers.all().stream()
                                            .map(ProviderInfo::id)
                                            .toList()));
        } else {
            info = Providers.get(provider);
        }

        String apiKey = text(body, "apiKey", errors);
        if (apiKey != null && apiKey.isEmpty()) {
            apiKey = null;
        }
        if (apiKey == null) {
            if (info != null && info.requires("apiKey") && !wrongType(body, "apiKey")) {
                errors.add("apiKey", "is required");
            }
        } else if (WHITESPACE.matcher(apiKey).find()) {
            errors.add("apiKey", "must not contain spaces or line breaks");
        } else {
            int min = info != null && !info.requires("apiKey") ? MIN_COMPATIBLE_KEY : MIN_KEY;
            if (apiKey.length() < min || apiKey.length() > MAX_KEY) {
                errors.add("apiKey", "must be " + min + " to " + MAX_KEY + " characters long");
            }
        }

        String name = text(body, "name", errors);
        if (name != null) {
            name = name.strip();
            if (name.isEmpty() || name.length() > MAX_NAME) {
                errors.add("name", "must be 1 to " + MAX_NAME + " characters long");
            } else if (name.contains("/") || CONTROL.matcher(name).find()) {
                errors.add("name", "must not contain / or control characters");
            } else if (Providers.OPENAI_COMPATIBLE.equals(provider)
                    && (Providers.find(name.toLowerCase(Locale.ROOT)).isPresent() || name.equalsIgnoreCase("atom"))) {
                errors.add("name", "must not be a provider id or 'atom': it names this server's models");
            }
        }

        String baseUrl = text(body, "baseUrl", errors);
        if (baseUrl != null && baseUrl.isBlank()) {
            baseUrl = null;
        }
        if (baseUrl == null) {
            if (info != null && info.requires("baseUrl") && !wrongType(body, "baseUrl")) {
                errors.add("baseUrl", "is required for " + info.name());
            }
        } else if (baseUrl.length() > 2048) {
            errors.add("baseUrl", "must be at most 2048 characters long");
        } else {
            String problem = baseUrlProblem(urls, baseUrl).orElse(null);
            if (problem != null) {
                errors.add("baseUrl", problem);
            } else {
                baseUrl = stripTrailingSlashes(baseUrl.strip());
            }
        }

        String scopeText = text(body, "scope", errors);
        AiKey.Scope scope = AiKey.Scope.USER;
        if (scopeText != null) {
            switch (scopeText) {
                case "user" -> scope = AiKey.Scope.USER;
                case "workspace" -> scope = AiKey.Scope.WORKSPACE;
                default -> errors.add("scope", "must be user or workspace");
            }
        }

        String deployment = optionalAzure(body, "deployment", DEPLOYMENT, info, errors);
        String apiVersion = optionalAzure(body, "apiVersion", API_VERSION, info, errors);
        errors.throwIfAny();
        return new KeyInput(provider, apiKey, name, baseUrl, scope, deployment, apiVersion);
    }

    /** "sk-...7890": the first 3 and last 4 characters; short keys show nothing. */
    static String mask(String apiKey) {
        if (apiKey == null) {
            return "";
        }
        if (apiKey.length() < 16) {
            return "...";
        }
        return apiKey.substring(0, 3) + "..." + apiKey.substring(apiKey.length() - 4);
    }

    @Override
    public String toString() {
        return "KeyInput[provider=" + provider + ", name=" + name + ", baseUrl=" + baseUrl + ", scope=" + scope + "]";
    }

    private static String optionalAzure(
            JsonNode body, String field, Pattern pattern, ProviderInfo info, FieldErrors errors) {
        String value = text(body, field, errors);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (info != null && !info.accepts(field)) {
            errors.add(field, "is only for Azure OpenAI keys");
        } else if (!pattern.matcher(value.strip()).matches()) {
            errors.add(field, "must be letters, digits, '.', '-' or '_' (at most 64 characters)");
        }
        return value.strip();
    }

    private static String text(JsonNode body, String field, FieldErrors errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(field, "must be a string");
            return null;
        }
        return node.asString();
    }

    /** True when the field is there but not a string (already reported as such). */
    private static boolean wrongType(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && !node.isNull() && !node.isString();
    }

    private static String stripTrailingSlashes(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
