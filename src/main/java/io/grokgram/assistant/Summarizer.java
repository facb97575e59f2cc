package io.grokgram.assistant;

import io.grokgram.llm.LlmException;
import io.grokgram.llm.ModelId;
import io.grokgram.llm.StreamObserver;
import io.grokgram.privacy.ConsentRequiredException;
import io.grokgram.privacy.DataSubject;
import io.grokgram.privacy.GateRequest;
import io.grokgram.privacy.GatedMessage;
import io.grokgram.privacy.Origin;
import io.grokgram.privacy.ProviderGate;
import io.grokgram.privacy.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps long conversations inside the token budget without losing their thread: when old turns leave the context
 * window, they are folded into a rolling summary by a provider call through the same gate (purpose "summary"). The
 * summary only changes when the window moves, which happens in steps, so the prompt prefix stays cacheable.
 */
final class Summarizer {
    private static final Logger log = LoggerFactory.getLogger(Summarizer.class);
    private static final String INSTRUCTION = "You maintain a running summary of a conversation between a user and an"
            + " AI assistant. Rewrite the summary so it also covers the new messages below. Keep facts, names, numbers,"
            + " decisions, the user's preferences and open questions; drop pleasantries. Write in the language of the"
            + " conversation, as plain sentences, at most 250 words. Reply with the summary only.";

    private final ProviderGate gate;
    private final ModelId model;
    private final Conversations conversations;

    Summarizer(ProviderGate gate, ModelId model, Conversations conversations) {
        this.gate = gate;
        this.model = model;
        this.conversations = conversations;
    }

    /**
     * Brings the summary up to the window's start: everything before {@code start} not yet covered is folded in. On a
     * provider failure the old summary stays (the answer goes on with it) and the next turn tries again.
     */
    Conversations.Summary upTo(String conversation, List<StoredMessage> history, int start, long user) {
        Conversations.Summary summary = conversations.summary(conversation);
        if (start == 0 || history.get(start - 1).seq() <= summary.upto()) {
            return summary;
        }
        List<StoredMessage> uncovered = history.subList(0, start).stream()
                .filter(message -> message.seq() > summary.upto())
                .toList();
        List<GatedMessage> request = new ArrayList<>(uncovered.size() + 2);
        request.add(new GatedMessage("summary-instruction", Origin.OPERATOR, INSTRUCTION));
        if (!summary.text().isBlank()) {
            request.add(new GatedMessage(
                    ContextBuilder.SUMMARY_REF, Origin.SUMMARY, ContextBuilder.SUMMARY_HEADING + summary.text()));
        }
        uncovered.forEach(message -> request.add(new GatedMessage(message.ref(), message.origin(), message.content())));
        try {
            String text = gate.ask(
                            new GateRequest(
                                    new DataSubject(user),
                                    Purpose.SUMMARY,
                                    model,
                                    request,
                                    conversation,
                                    OptionalInt.of(500)),
                            StreamObserver.IGNORE)
                    .text()
                    .strip();
            if (text.isEmpty()) {
                return summary;
            }
            Conversations.Summary updated =
                    new Conversations.Summary(text, uncovered.getLast().seq());
            conversations.saveSummary(conversation, updated);
            log.info("conversation summary now covers {} messages", updated.upto());
            return updated;
        } catch (LlmException | IllegalArgumentException | ConsentRequiredException e) {
            log.warn("could not update the conversation summary ({}); going on with the previous one", e.getMessage());
            return summary;
        }
    }
}
