package dev.atom.ai.providers;

import java.net.URI;
import org.springframework.stereotype.Component;

/** OpenAI itself: https://api.openai.com/v1, {@code Authorization: Bearer}. */
@Component
class OpenAiAdapter extends OpenAiProtocolAdapter {
    static final String BASE_URL = "https://api.openai.com/v1";

    OpenAiAdapter(ProviderHttp http) {
        super(http);
    }

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    protected URI uri(ProviderCredentials credentials, String endpoint) throws ProviderException {
        return URI.create(base(credentials, BASE_URL) + "/" + endpoint);
    }
}
