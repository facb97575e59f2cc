package io.grokgram.assistant;

import io.grokgram.store.Database;
import io.grokgram.telegram.ChatId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Inbox insert: the one write every update makes before it is confirmed to Telegram, on an SQLite file in a temporary
 * folder (migrated as the bot migrates it), with a payload the size of a real update. Each call stores a new update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InboxBenchmark {
    private static final ChatKey CHAT = new ChatKey(1000002, new ChatId(810_001), 0);
    private static final String PAYLOAD = "{\"update_id\":1,\"message\":{\"message_id\":7,\"from\":{\"id\":810001,"
            + "\"is_bot\":false,\"first_name\":\"Bench\",\"language_code\":\"en\"},\"chat\":{\"id\":810001,"
            + "\"first_name\":\"Bench\",\"type\":\"private\"},\"date\":1760000000,\"text\":\"How do I keep a Telegram"
            + " bot inside the flood limits when a thousand people write at once?\"}}";

    private final AtomicLong updates = new AtomicLong(100_000_000);
    private Path dir;
    private Database database;
    private Inbox inbox;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("grokgram-jmh-inbox");
        database = Database.open(dir.resolve("inbox.db").toString(), 2, Duration.ofSeconds(10));
        database.migrate();
        inbox = new Inbox(database, Clock.systemUTC());
    }

    @TearDown
    public void tearDown() throws IOException {
        database.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public boolean accept() {
        return inbox.accept(updates.incrementAndGet(), CHAT, InboxEntry.Kind.TEXT, PAYLOAD);
    }
}
