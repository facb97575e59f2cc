package io.grokgram.assistant;

import io.grokgram.privacy.GatedMessage;
import io.grokgram.privacy.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Arranges a request so that provider prompt caches pay off: the persona first and byte-identical every turn, then as
 * many whole earlier turns as fit the token budget, then the new message.
 *
 * <p>Old turns are dropped from the front in steps of {@code trimStep} messages rather than one by one: the window's
 * start then stays put for several turns, and so does the cached prefix. Dropping one message per turn would change
 * the prefix on every request and no cache would ever hit.
 */
final class ContextBuilder {
    private final String persona;
    private final int personaTokens;
    private final int budgetTokens;
    private final int trimStep;

    ContextBuilder(String persona, TokenCounter counter, int budgetTokens, int trimStep) {
        if (budgetTokens <= 0 || trimStep <= 0) {
            throw new IllegalArgumentException("token budget and trim step must be positive");
        }
        this.persona = persona;
        this.personaTokens = counter.count(persona);
        this.budgetTokens = budgetTokens;
        this.trimStep = trimStep;
    }

    /** The summary's share of the budget, reserved whether or not there is one, so the window does not jitter. */
    static final int SUMMARY_TOKENS = 600;

    /** Where the window of whole turns starts for a new message of this size; older messages go to the summary. */
    int windowStart(List<StoredMessage> history, int newMessageTokens) {
        return windowStart(history, newMessageTokens, budgetTokens);
    }

    /** The same within a budget of the user's plan (it may be smaller or larger than the configured default). */
    int windowStart(List<StoredMessage> history, int newMessageTokens, int planBudgetTokens) {
        return windowStartWithin(history, planBudgetTokens - personaTokens - SUMMARY_TOKENS - newMessageTokens);
    }

    /**
     * Persona, then the rolling summary of what came before {@code start} (if any), then the turns from {@code start},
     * then the new message ({@code newMessageRef} names it in the privacy audit, e.g. {@code update:812}).
     */
    List<GatedMessage> build(List<StoredMessage> history, int start, String summary, List<GatedMessage> asked) {
        List<GatedMessage> messages = new ArrayList<>(history.size() - start + 2 + asked.size());
        messages.add(new GatedMessage(PERSONA_REF, Origin.OPERATOR, persona));
        if (!summary.isBlank()) {
            messages.add(new GatedMessage(SUMMARY_REF, Origin.SUMMARY, SUMMARY_HEADING + summary));
        }
        for (StoredMessage message : history.subList(start, history.size())) {
            messages.add(new GatedMessage(message.ref(), message.origin(), message.content()));
        }
        messages.addAll(asked);
        return messages;
    }

    /** For callers with a plain question: persona, summary, history, then the question. */
    List<GatedMessage> build(List<StoredMessage> history, int start, String summary, String ref, String question) {
        return build(history, start, summary, List.of(new GatedMessage(ref, Origin.ADDRESSED, question)));
    }

    static final String PERSONA_REF = "persona";
    static final String SUMMARY_REF = "summary";

    /** How the privacy audit names a stored message: its place in the conversation the request names. */
    static String ref(StoredMessage message) {
        return message.ref();
    }

    static final String SUMMARY_HEADING = "Summary of the earlier part of this conversation:\n";

    /** The index of the first history message to send when {@code available} tokens are left for history. */
    int windowStartWithin(List<StoredMessage> history, int available) {
        int minimal = history.size();
        int used = 0;
        while (minimal > 0 && used + history.get(minimal - 1).tokens() <= available) {
            minimal--;
            used += history.get(minimal).tokens();
        }
        if (minimal == 0) {
            return 0;
        }
        int quantised = Math.min(history.size(), ceilToStep(minimal));
        return turnBoundary(history, quantised);
    }

    private int ceilToStep(int index) {
        return ((index + trimStep - 1) / trimStep) * trimStep;
    }

    /**
     * Moves forward to the start of a whole turn (the first of a user's messages after an answer: a quote and its
     * question belong together), so no answer arrives without its question.
     */
    private static int turnBoundary(List<StoredMessage> history, int index) {
        int start = index;
        while (start < history.size() && !startsTurn(history, start)) {
            start++;
        }
        return start;
    }

    private static boolean startsTurn(List<StoredMessage> history, int index) {
        return history.get(index).origin() != Origin.ASSISTANT
                && (index == 0 || history.get(index - 1).origin() == Origin.ASSISTANT);
    }
}
