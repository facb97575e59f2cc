package io.grokgram.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * One way to get an answer: a provider and the model to ask there. The primary route asks for the model the request
 * names; a fallback route names its own, on the same provider or another one.
 *
 * @param model the model this route asks for; empty for the one the request names
 */
public record Route(ChatProvider provider, Optional<ModelId> model) {
    public Route {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** {@code provider} asked for whatever model the request names. */
    public static Route asRequested(ChatProvider provider) {
        return new Route(provider, Optional.empty());
    }

    /** {@code provider} asked for {@code model}, whatever the request names. */
    public static Route to(ChatProvider provider, ModelId model) {
        return new Route(provider, Optional.of(model));
    }

    ProviderRequest apply(ProviderRequest request) {
        return model.filter(m -> !m.equals(request.model()))
                .map(request::withModel)
                .orElse(request);
    }
}
