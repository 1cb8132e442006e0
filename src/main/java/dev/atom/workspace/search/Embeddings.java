package dev.atom.workspace.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process sentence embeddings (quantized all-MiniLM-L6-v2, 384 dimensions; the ONNX model ships inside its
 * jar, so nothing is downloaded and nothing calls out). Loaded on first use, off the startup path, and once per
 * JVM: the model is stateless and thread-safe, so every application context in the process (tests start dozens)
 * shares one copy instead of holding its own. Thread-safe.
 */
final class Embeddings {
    static final int DIMENSIONS = 384;
    private static final Logger log = LoggerFactory.getLogger(Embeddings.class);

    private static volatile EmbeddingModel model;
    private static volatile boolean failed;

    /** Loads the model (about a second); false when it cannot be loaded here (hybrid then falls back to BM25). */
    boolean load() {
        if (model != null) {
            return true;
        }
        if (failed) {
            return false;
        }
        synchronized (Embeddings.class) {
            if (model == null && !failed) {
                try {
                    Executor sameThread = Runnable::run; // callers already run off the request path
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel(sameThread);
                } catch (RuntimeException | LinkageError e) {
                    failed = true;
                    log.warn("search embeddings unavailable, hybrid search falls back to BM25: {}", e.toString());
                }
            }
        }
        return model != null;
    }

    boolean ready() {
        return model != null;
    }

    float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments =
                texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
        return model.embedAll(segments).content().stream()
                .map(Embedding::vector)
                .toList();
    }
}
