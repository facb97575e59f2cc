package io.grokgram.assistant;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens to keep a context inside its budget. o200k_base is not Grok's own tokenizer, but close enough for a
 * budget, which is a soft ceiling with margin; the provider's usage report is what gets billed.
 */
public final class TokenCounter {
    /** Per-message overhead of the chat format (role markers), as OpenAI documents for its models. */
    static final int PER_MESSAGE_OVERHEAD = 4;

    private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public int count(String text) {
        return encoding.countTokensOrdinary(text) + PER_MESSAGE_OVERHEAD;
    }
}
