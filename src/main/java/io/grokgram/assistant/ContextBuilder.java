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

    List<GatedMessage> build(List<StoredMessage> history, String newMessage, int newMessageTokens) {
        int start = windowStart(history, budgetTokens - personaTokens - newMessageTokens);
        List<GatedMessage> messages = new ArrayList<>(history.size() - start + 2);
        messages.add(new GatedMessage(Origin.OPERATOR, persona));
        for (StoredMessage message : history.subList(start, history.size())) {
            messages.add(new GatedMessage(message.origin(), message.content()));
        }
        messages.add(new GatedMessage(Origin.ADDRESSED, newMessage));
        return messages;
    }

    /** The index of the first history message to send. */
    int windowStart(List<StoredMessage> history, int available) {
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

    /** Moves forward to the start of a whole turn (a user's message), so no answer arrives without its question. */
    private static int turnBoundary(List<StoredMessage> history, int index) {
        int start = index;
        while (start < history.size() && history.get(start).origin() != Origin.ADDRESSED) {
            start++;
        }
        return start;
    }
}
