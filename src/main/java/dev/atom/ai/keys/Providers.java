package dev.atom.ai.keys;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers Atom speaks to. Default base URLs follow each official SDK's convention, so an adapter appends
 * the same paths to the default and to a user's own base URL: OpenAI ends in {@code /v1} and DeepSeek is the host (then
 * {@code /chat/completions}, {@code /models}); Anthropic's is the host (then {@code /v1/messages}); Gemini's is
 * the host (then {@code /v1beta/models/...}). Azure OpenAI and openai-compatible servers have no default: the
 * user's resource or server URL is required.
 */
public final class Providers {
    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String GEMINI = "gemini";
    public static final String DEEPSEEK = "deepseek";
    public static final String AZURE_OPENAI = "azure-openai";
    public static final String OPENAI_COMPATIBLE = "openai-compatible";

    private static final List<ProviderInfo> ALL = List.of(
            new ProviderInfo(
                    OPENAI,
                    "OpenAI",
                    "https://platform.openai.com/api-keys",
                    "sk-...",
                    URI.create("https://api.openai.com/v1"),
                    needs("apiKey", ProviderInfo.REQUIRED, "baseUrl", ProviderInfo.OPTIONAL)),
            new ProviderInfo(
                    ANTHROPIC,
                    "Anthropic",
                    "https://platform.claude.com/settings/keys",
                    "sk-ant-...",
                    URI.create("https://api.anthropic.com"),
                    needs("apiKey", ProviderInfo.REQUIRED, "baseUrl", ProviderInfo.OPTIONAL)),
            new ProviderInfo(
                    GEMINI,
                    "Google Gemini",
                    "https://aistudio.google.com/apikey",
                    "AIza...",
                    URI.create("https://generativelanguage.googleapis.com"),
                    needs("apiKey", ProviderInfo.REQUIRED, "baseUrl", ProviderInfo.OPTIONAL)),
            new ProviderInfo(
                    DEEPSEEK,
                    "DeepSeek",
                    "https://platform.deepseek.com/api_keys",
                    "sk-...",
                    URI.create("https://api.deepseek.com"),
                    needs("apiKey", ProviderInfo.REQUIRED, "baseUrl", ProviderInfo.OPTIONAL)),
            new ProviderInfo(
                    AZURE_OPENAI,
                    "Azure OpenAI",
                    "https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI",
                    "32 or 84 characters (Keys and Endpoint page of the resource)",
                    null,
                    needs(
                            "apiKey",
                            ProviderInfo.REQUIRED,
                            "baseUrl",
                            ProviderInfo.REQUIRED,
                            "deployment",
                            ProviderInfo.OPTIONAL,
                            "apiVersion",
                            ProviderInfo.OPTIONAL)),
            new ProviderInfo(
                    OPENAI_COMPATIBLE,
                    "OpenAI-compatible",
                    "the server's own settings (Ollama, vLLM and LM Studio need none)",
                    "any, or none",
                    null,
                    needs("apiKey", ProviderInfo.OPTIONAL, "baseUrl", ProviderInfo.REQUIRED)));

    private Providers() {}

    public static List<ProviderInfo> all() {
        return ALL;
    }

    public static Optional<ProviderInfo> find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public static ProviderInfo get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown provider " + id));
    }

    private static Map<String, String> needs(String... pairs) {
        Map<String, String> needs = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            needs.put(pairs[i], pairs[i + 1]);
        }
        return needs;
    }
}
