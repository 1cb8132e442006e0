package dev.atom.ai.providers;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Azure OpenAI, keyed by {@code api-key}. The key's base URL is the resource
 * ({@code https://NAME.openai.azure.com}). Two URL shapes, per Microsoft's docs:
 *
 * <ul>
 *   <li>the v1 API (https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle):
 *       {@code {resource}/openai/v1/chat/completions}, {@code model} is the deployment name, no api-version;
 *   <li>the classic deployments path (https://learn.microsoft.com/azure/ai-foundry/openai/reference), used when
 *       the key carries a deployment and an API version:
 *       {@code {resource}/openai/deployments/{deployment}/chat/completions?api-version=...}.
 * </ul>
 */
@Component
class AzureOpenAiAdapter extends OpenAiProtocolAdapter {

    AzureOpenAiAdapter(ProviderHttp http) {
        super(http);
    }

    @Override
    public String provider() {
        return "azure-openai";
    }

    @Override
    protected URI uri(ProviderCredentials credentials, String endpoint) throws ProviderException {
        String resource = resource(credentials);
        if (classic(credentials)) {
            return URI.create(resource + "/openai/deployments/" + encode(credentials.azureDeployment()) + "/" + endpoint
                    + "?api-version=" + encode(credentials.azureApiVersion()));
        }
        return URI.create(resource + "/openai/v1/" + endpoint);
    }

    @Override
    protected void authorize(HttpRequest.Builder request, ProviderCredentials credentials) {
        if (credentials.apiKey() != null && !credentials.apiKey().isBlank()) {
            request.header("api-key", credentials.apiKey());
        }
    }

    /** A classic key serves exactly its deployment; a v1 key lists the resource's models. */
    @Override
    public List<String> listModels(ProviderCredentials credentials) throws ProviderException {
        if (classic(credentials)) {
            return List.of(credentials.azureDeployment());
        }
        return super.listModels(credentials);
    }

    private static boolean classic(ProviderCredentials credentials) {
        return credentials.azureDeployment() != null
                && !credentials.azureDeployment().isBlank()
                && credentials.azureApiVersion() != null
                && !credentials.azureApiVersion().isBlank();
    }

    /** The resource root, accepting a base URL that already ends in /openai or /openai/v1. */
    private String resource(ProviderCredentials credentials) throws ProviderException {
        String base = base(credentials, null);
        for (String suffix : List.of("/openai/v1", "/openai")) {
            if (base.endsWith(suffix)) {
                return base.substring(0, base.length() - suffix.length());
            }
        }
        return base;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
