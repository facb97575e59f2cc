package io.grokgram.llm;

import io.grokgram.sandbox.Failure;
import io.grokgram.sandbox.TestProvider;
import io.grokgram.sandbox.TestProviderSettings;
import io.grokgram.web.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared provider contract, run against the sandbox's test provider over real HTTP: the fake and its server are
 * started before each test (subclasses build their client on {@link #server}) and closed after, the fake first.
 */
abstract class TestProviderContract extends ChatProviderContract {
    protected TestProvider fake;
    protected HttpServer server;

    /** The fake's settings; subclasses add a key, reasoning tokens and so on. */
    protected abstract TestProviderSettings fakeSettings();

    @BeforeEach
    void startFake() {
        fake = new TestProvider(fakeSettings());
        server = HttpServer.start("127.0.0.1", 0, List.of(fake));
    }

    @AfterEach
    void stopFake() {
        fake.close();
        server.close();
    }

    @Override
    protected ModelId model() {
        return new ModelId("grok-4.3");
    }

    @Override
    protected Optional<String> lastConversationKeyReceived() {
        return fake.requests().getLast().header("x-grok-conv-id");
    }

    @Override
    protected void failNextWith(int status, Optional<Duration> retryAfter) {
        fake.failNext(new Failure.HttpError(status, retryAfter));
    }

    @Override
    protected void streamSlowly(Duration gap) {
        fake.setPace(Duration.ZERO, gap, 4);
    }
}
