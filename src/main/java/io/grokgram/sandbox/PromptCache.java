package io.grokgram.sandbox;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts tokens (o200k_base) and plays xAI's automatic prompt cache: a request's cached tokens are its longest common
 * prefix, in tokens, with the previous request of the same conversation and model, rounded down to the 128-token
 * blocks real caches work in. No conversation key, no cache hit, as on the real service.
 *
 * <p>A conversation's requests repeat most of their messages, so the tokens of each message of the previous request are
 * kept and reused: encoding a 3,000-token prompt from scratch on every request was the largest single cost of the
 * whole {@code grokgram bench} process. Reuse gives exactly the tokens of encoding the whole {@link #canonical} text,
 * because the tokenizer's pre-split always breaks at a message's end: every message ends in {@code "|>\n"} and the next
 * starts with {@code "<|"}, and no o200k split pattern runs from the one into the other ({@code PromptCacheTest} checks
 * it against whole-text encoding).
 */
final class PromptCache {
    static final int BLOCK = 128;
    private static final int CONVERSATIONS = 4096;
    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** The last request's messages per model and conversation; the eldest conversation goes first. */
    private final Map<String, List<Encoded>> lastPrompts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Encoded>> eldest) {
            return size() > CONVERSATIONS;
        }
    };

    /** The answer counted last: a bench or a test asks for the same answer again and again. */
    private static volatile Counted lastCounted = new Counted("", 0);

    private static volatile Truncated lastTruncated = new Truncated("", 0, "");

    record Prompt(int tokens, int cachedTokens) {}

    /** One message in its canonical form and its tokens. */
    private record Encoded(String segment, int[] tokens) {}

    private record Counted(String text, int tokens) {}

    private record Truncated(String text, int maxTokens, String result) {}

    Prompt account(String model, Optional<String> conversationKey, List<CompletionRequest.Message> messages) {
        if (conversationKey.isEmpty()) {
            return new Prompt(O200K.countTokensOrdinary(canonical(messages)), 0);
        }
        String key = model + "\n" + conversationKey.get();
        List<Encoded> previous;
        synchronized (lastPrompts) {
            previous = lastPrompts.get(key);
        }
        List<Encoded> current = encoded(messages, previous == null ? List.of() : previous);
        synchronized (lastPrompts) {
            lastPrompts.put(key, current);
        }
        int tokens = 0;
        for (Encoded message : current) {
            tokens += message.tokens().length;
        }
        int common = previous == null ? 0 : commonPrefix(previous, current);
        return new Prompt(tokens, common / BLOCK * BLOCK);
    }

    static int count(String text) {
        Counted memo = lastCounted;
        if (memo.text().equals(text)) {
            return memo.tokens();
        }
        int tokens = O200K.countTokensOrdinary(text);
        lastCounted = new Counted(text, tokens);
        return tokens;
    }

    /** The first {@code maxTokens} tokens of {@code text}, or all of it. */
    static String truncate(String text, int maxTokens) {
        Truncated memo = lastTruncated;
        if (memo.maxTokens() == maxTokens && memo.text().equals(text)) {
            return memo.result();
        }
        EncodingResult result = O200K.encodeOrdinary(text, maxTokens);
        String truncated = result.isTruncated() ? O200K.decode(result.getTokens()) : text;
        lastTruncated = new Truncated(text, maxTokens, truncated);
        return truncated;
    }

    /**
     * One fixed rendering of the messages, so that appending a turn keeps the earlier tokens as they were (a cache
     * prefix), as a real chat template does.
     */
    static String canonical(List<CompletionRequest.Message> messages) {
        StringBuilder text = new StringBuilder();
        for (CompletionRequest.Message message : messages) {
            text.append(segment(message));
        }
        return text.toString();
    }

    private static String segment(CompletionRequest.Message message) {
        return "<|" + message.role() + "|>\n" + message.content() + "\n<|end|>\n";
    }

    /** Each message's tokens, taken from the previous request where the same message was there too. */
    private static List<Encoded> encoded(List<CompletionRequest.Message> messages, List<Encoded> previous) {
        Map<String, int[]> known = new HashMap<>();
        for (Encoded message : previous) {
            known.put(message.segment(), message.tokens());
        }
        List<Encoded> encoded = new ArrayList<>(messages.size());
        for (CompletionRequest.Message message : messages) {
            String segment = segment(message);
            int[] tokens = known.get(segment);
            encoded.add(new Encoded(
                    segment,
                    tokens != null ? tokens : O200K.encodeOrdinary(segment).toArray()));
        }
        return encoded;
    }

    /** The length, in tokens, of the common prefix of two requests' token sequences. */
    private static int commonPrefix(List<Encoded> a, List<Encoded> b) {
        int common = 0;
        int ai = 0;
        int bi = 0;
        int at = 0;
        int bt = 0;
        while (ai < a.size() && bi < b.size()) {
            int[] x = a.get(ai).tokens();
            int[] y = b.get(bi).tokens();
            if (x == y && at == 0 && bt == 0) {
                common += x.length; // the same message, its tokens reused
                at = x.length;
                bt = y.length;
            } else if (at == x.length) {
                ai++;
                at = 0;
            } else if (bt == y.length) {
                bi++;
                bt = 0;
            } else if (x[at] == y[bt]) {
                common++;
                at++;
                bt++;
            } else {
                return common;
            }
        }
        return common;
    }
}
