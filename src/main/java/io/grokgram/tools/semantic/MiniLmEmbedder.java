package io.grokgram.tools.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.grokgram.tools.Embedder;

/**
 * all-MiniLM-L6-v2 (quantized), shipped inside its Maven artifact and run in this process: 384 dimensions, about a
 * millisecond a short text on one core. Built once; the model is thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public String name() {
        return "all-minilm-l6-v2-q";
    }
}
