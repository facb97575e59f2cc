package io.grokgram.web;

import io.javalin.config.RoutesConfig;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** {@code GET /healthz}: 200 when the process can serve (its store answers), 503 otherwise. */
public final class HealthModule implements HttpModule {
    private final BooleanSupplier healthy;

    public HealthModule(BooleanSupplier healthy) {
        this.healthy = Objects.requireNonNull(healthy, "healthy");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> {
            boolean ok = healthy.getAsBoolean();
            ctx.status(ok ? 200 : 503).json(java.util.Map.of("status", ok ? "ok" : "unavailable"));
        });
    }
}
