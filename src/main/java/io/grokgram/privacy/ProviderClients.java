package io.grokgram.privacy;

import io.grokgram.llm.ChainSettings;
import io.grokgram.llm.ChatProvider;
import io.grokgram.llm.OpenAiCompatibleProvider;
import io.grokgram.llm.ProviderSettings;
import io.grokgram.llm.ResilientProvider;
import io.grokgram.llm.ResponsesProvider;
import io.grokgram.llm.Route;
import io.grokgram.llm.RouteSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the provider clients a chain's settings describe. The only place outside {@code llm} that creates one, so the
 * only way a request reaches a provider is through the {@link ProviderGate} that holds them.
 */
final class ProviderClients {
    private ProviderClients() {}

    /**
     * The chain as one provider: the primary route, then the fallbacks, each route retried as the settings say. Routes
     * with the same provider settings share one client, as they would share a connection pool.
     */
    static ChatProvider chain(ChainSettings settings, Clock clock) {
        Map<ProviderSettings, ChatProvider> clients = new LinkedHashMap<>();
        List<Route> routes = settings.routes().stream()
                .map(route -> route(route, clients.computeIfAbsent(route.provider(), ProviderClients::client)))
                .toList();
        return new ResilientProvider(
                routes,
                settings.retry(),
                Thread::sleep,
                () -> ThreadLocalRandom.current().nextLong(),
                clock);
    }

    /** The client for the provider's wire API. */
    private static ChatProvider client(ProviderSettings settings) {
        return switch (settings.api()) {
            case CHAT -> new OpenAiCompatibleProvider(settings);
            case RESPONSES -> new ResponsesProvider(settings);
        };
    }

    private static Route route(RouteSettings settings, ChatProvider client) {
        return settings.model().map(model -> Route.to(client, model)).orElseGet(() -> Route.asRequested(client));
    }
}
