package io.grokgram.sandbox;

import io.grokgram.web.HttpServer;
import java.util.List;

/** A test provider on a real HTTP server (port 0) with a raw client; closes the provider before the server. */
record RunningProvider(TestProvider provider, HttpServer server, RawClient client) implements AutoCloseable {

    static RunningProvider start(TestProviderSettings settings) {
        TestProvider provider = new TestProvider(settings);
        HttpServer server = HttpServer.start("127.0.0.1", 0, List.of(provider));
        return new RunningProvider(provider, server, new RawClient(server.baseUrl()));
    }

    @Override
    public void close() {
        provider.close();
        server.close();
    }
}
