package io.grokgram.web;

import io.javalin.Javalin;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of every mode, on virtual threads. Modules register their routes before it starts; port 0 picks a
 * free port (tests), which {@link #port()} then reports.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    public static HttpServer start(String host, int port, List<HttpModule> modules) {
        Objects.requireNonNull(host, "host");
        List<HttpModule> mounted = List.copyOf(modules);
        Javalin javalin = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 64L * 1024 * 1024;
            mounted.forEach(module -> module.register(config.routes));
        });
        javalin.start(host, port);
        log.info("HTTP server listening on http://{}:{}", host, javalin.port());
        return new HttpServer(javalin);
    }

    public int port() {
        return javalin.port();
    }

    /** The base URL clients on this machine use, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
