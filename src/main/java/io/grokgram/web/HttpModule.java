package io.grokgram.web;

import io.javalin.config.RoutesConfig;

/** A set of routes mounted on the {@link HttpServer}: health, metrics, the sandbox's stand-ins, the webhook. */
@FunctionalInterface
public interface HttpModule {
    void register(RoutesConfig routes);
}
