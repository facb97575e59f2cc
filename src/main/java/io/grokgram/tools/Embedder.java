package io.grokgram.tools;

import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Turns text into a vector whose cosine similarity to another text's vector says how close their meanings are. Used by
 * {@link KnowledgeBase} beside full-text ranking, so a question finds an article that answers it in other words.
 */
public interface Embedder {
    float[] embed(String text);

    /** A name recorded in the index, so a change of model re-embeds every document. */
    String name();

    /**
     * The local embedding model when its jars are on the class path (all-MiniLM-L6-v2, run in-process by ONNX Runtime:
     * nothing is downloaded and no text leaves), else empty. The jars are not inside grokgram.jar, to keep it small: the
     * build copies them to {@code target/semantic} and the launcher adds them. Loaded by name, so their absence costs
     * nothing; loaded once per process (the model is thread-safe), since the sandbox indexes its articles and then the
     * bot opens the same index, and each load reads the model and starts ONNX Runtime again.
     */
    static Optional<Embedder> local() {
        return Local.MODEL;
    }

    /** Holds the one local model of the process, loaded on first use. */
    final class Local {
        static final Optional<Embedder> MODEL = Embedder.load();

        private Local() {}
    }

    private static Optional<Embedder> load() {
        try {
            Class<?> type = Class.forName("io.grokgram.tools.semantic.MiniLmEmbedder");
            return Optional.of((Embedder) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            // the adapter class is in the jar; what is missing shows in the cause (the model's or ONNX Runtime's class)
            Throwable missing =
                    e instanceof java.lang.reflect.InvocationTargetException wrapped && wrapped.getCause() != null
                            ? wrapped.getCause()
                            : e;
            LoggerFactory.getLogger(Embedder.class)
                    .info(
                            "no local embedding model on the class path ({}: {}); knowledge_search ranks by words only",
                            missing.getClass().getSimpleName(),
                            missing.getMessage());
            return Optional.empty();
        }
    }
}
