package io.grokgram.llm;

import java.util.List;
import java.util.Objects;

/**
 * The configured provider chain as plain values: the primary route first (asked for the model each request names), then
 * the fallback routes in order, each tried as {@code retry} says. Only the privacy room turns this into clients, so the
 * rest of Grokgram can carry provider configuration without ever holding a way to call one.
 */
public record ChainSettings(List<RouteSettings> routes, RetryPolicy retry) {
    public ChainSettings {
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("a provider chain needs at least one route");
        }
        if (routes.getFirst().model().isPresent()) {
            throw new IllegalArgumentException("the primary route asks for the model each request names, not "
                    + routes.getFirst().model().get());
        }
        Objects.requireNonNull(retry, "retry");
    }

    /** The primary provider: the one users are told their messages go to. */
    public ProviderSettings primary() {
        return routes.getFirst().provider();
    }
}
