package io.grokgram.privacy;

import io.grokgram.llm.ChatProvider;
import io.grokgram.llm.Completion;
import io.grokgram.llm.PromptMessage;
import io.grokgram.llm.ProviderRequest;
import io.grokgram.llm.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path from Grokgram to any model provider. Each message is admitted or refused by its {@link Origin}: the
 * operator's text, what a user addressed to the assistant, and the assistant's own answers pass; anything else is
 * refused, logged and counted, and the request goes on without it.
 *
 * <p>Quoted messages and tool results get their own handling (marked as data) with the privacy and search issues;
 * until then they are refused like anything unknown. Pseudonyms, redaction and the audit log join here too.
 */
public final class ProviderGate {
    private static final Logger log = LoggerFactory.getLogger(ProviderGate.class);

    private final ChatProvider provider;
    private final MeterRegistry metrics;

    public ProviderGate(ChatProvider provider, MeterRegistry metrics) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Sends what the gate admits of {@code request} and streams the answer to {@code observer}.
     *
     * @throws io.grokgram.llm.LlmException when the provider fails
     * @throws IllegalArgumentException when nothing a user said is left to send
     */
    public Completion ask(GateRequest request, StreamObserver observer) {
        List<PromptMessage> admitted = new ArrayList<>(request.messages().size());
        for (GatedMessage message : request.messages()) {
            admit(message).ifPresentOrElse(admitted::add, () -> refuse(request, message));
        }
        if (admitted.stream().noneMatch(m -> m.role() == io.grokgram.llm.Role.USER)) {
            throw new IllegalArgumentException("nothing addressed to the assistant is left in the request");
        }
        ProviderRequest providerRequest =
                new ProviderRequest(request.model(), admitted, request.conversationId(), request.maxOutputTokens());
        metrics.counter(
                        "grokgram_provider_requests",
                        "purpose",
                        request.purpose().name().toLowerCase(),
                        "provider",
                        provider.name())
                .increment();
        return provider.stream(providerRequest, observer);
    }

    private static Optional<PromptMessage> admit(GatedMessage message) {
        return switch (message.origin()) {
            case OPERATOR -> Optional.of(PromptMessage.system(message.content()));
            case ADDRESSED -> Optional.of(PromptMessage.user(message.content()));
            case ASSISTANT -> Optional.of(PromptMessage.assistant(message.content()));
            case SUMMARY -> Optional.of(PromptMessage.system(message.content()));
            case QUOTED_BY_USER, TOOL_RESULT, OTHER -> Optional.empty();
        };
    }

    private void refuse(GateRequest request, GatedMessage message) {
        metrics.counter(
                        "grokgram_gate_refused",
                        "origin",
                        message.origin().name().toLowerCase())
                .increment();
        log.warn(
                "privacy gate refused a message of origin {} ({} chars) for purpose {}; the request goes on without it",
                message.origin(),
                message.content().length(),
                request.purpose());
    }
}
