package dev.atom.ai.providers;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.Header;

/** Between the JDK's HTTP types (which adapters and {@link ProviderErrors} use) and Apache HttpClient's. */
final class HttpMessages {
    private HttpMessages() {}

    /** The response's headers as the JDK's type, names in lower case. */
    static HttpHeaders headers(CloseableHttpResponse response) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            map.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    /** The bytes of the request's body publisher (adapters only use byte arrays), or null without a body. */
    static byte[] body(HttpRequest request) {
        var publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return out.toByteArray();
    }
}
