package dev.atom.ai.providers;

import java.net.URI;

/**
 * Everything an adapter needs to call a provider with one key: the decrypted key, the base URL (the
 * provider's official one unless the key overrides it) and Azure's deployment and API version. Lives only for
 * the call; {@link #toString()} never shows the key.
 */
public record ProviderCredentials(
        String keyId, String provider, String apiKey, URI baseUrl, String azureDeployment, String azureApiVersion) {

    @Override
    public String toString() {
        return "ProviderCredentials[keyId=" + keyId + ", provider=" + provider + ", baseUrl=" + baseUrl + "]";
    }
}
