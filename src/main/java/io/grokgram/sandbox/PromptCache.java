package io.grokgram.sandbox;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts tokens (o200k_base) and plays xAI's automatic prompt cache: a request's cached tokens are its longest common
 * prefix, in tokens, with the previous request of the same conversation and model, rounded down to the 128-token
 * blocks real caches work in. No conversation key, no cache hit, as on the real service.
 */
final class PromptCache {
    static final int BLOCK = 128;
    private static final int CONVERSATIONS = 4096;
    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** Prompt tokens of the last request per model and conversation; the eldest conversation goes first. */
    private final Map<String, int[]> lastPrompts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > CONVERSATIONS;
        }
    };

    record Prompt(int tokens, int cachedTokens) {}

    Prompt account(String model, Optional<String> conversationKey, List<CompletionRequest.Message> messages) {
        int[] tokens = O200K.encodeOrdinary(canonical(messages)).toArray();
        if (conversationKey.isEmpty()) {
            return new Prompt(tokens.length, 0);
        }
        String key = model + "\n" + conversationKey.get();
        int[] previous;
        synchronized (lastPrompts) {
            previous = lastPrompts.put(key, tokens);
        }
        int common = previous == null ? 0 : commonPrefix(previous, tokens);
        return new Prompt(tokens.length, common / BLOCK * BLOCK);
    }

    static int count(String text) {
        return O200K.countTokensOrdinary(text);
    }

    /** The first {@code maxTokens} tokens of {@code text}, or all of it. */
    static String truncate(String text, int maxTokens) {
        EncodingResult result = O200K.encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? O200K.decode(result.getTokens()) : text;
    }

    /**
     * One fixed rendering of the messages, so that appending a turn keeps the earlier tokens as they were (a cache
     * prefix), as a real chat template does.
     */
    static String canonical(List<CompletionRequest.Message> messages) {
        StringBuilder text = new StringBuilder();
        for (CompletionRequest.Message message : messages) {
            text.append("<|")
                    .append(message.role())
                    .append("|>\n")
                    .append(message.content())
                    .append("\n<|end|>\n");
        }
        return text.toString();
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
