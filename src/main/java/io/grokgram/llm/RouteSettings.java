package io.grokgram.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * One route of a {@link ChainSettings chain}, as configuration: the provider to call and the model to ask there.
 *
 * @param model the model this route asks for; empty for the one each request names
 */
public record RouteSettings(ProviderSettings provider, Optional<ModelId> model) {
    public RouteSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** {@code provider} asked for whatever model the request names. */
    public static RouteSettings asRequested(ProviderSettings provider) {
        return new RouteSettings(provider, Optional.empty());
    }

    /** {@code provider} asked for {@code model}, whatever the request names. */
    public static RouteSettings to(ProviderSettings provider, ModelId model) {
        return new RouteSettings(provider, Optional.of(model));
    }
}
