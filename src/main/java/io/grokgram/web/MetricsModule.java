package io.grokgram.web;

import io.javalin.config.RoutesConfig;
import java.util.Objects;
import java.util.function.Supplier;

/** {@code GET /metrics}: the Prometheus text exposition of every Grokgram meter. */
public final class MetricsModule implements HttpModule {
    private final Supplier<String> scrape;

    public MetricsModule(Supplier<String> scrape) {
        this.scrape = Objects.requireNonNull(scrape, "scrape");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(scrape.get()));
    }
}
