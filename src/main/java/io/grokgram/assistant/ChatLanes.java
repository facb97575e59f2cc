package io.grokgram.assistant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-chat ordering: at most one drain runs per chat at a time, different chats run concurrently on virtual threads.
 * The order itself comes from the inbox (a drain takes the chat's unfinished entries oldest first), so a signal only
 * says "look again"; signals that arrive while a drain runs make it look again before it ends.
 *
 * <p>The map holds a counter of outstanding signals per chat and drops the chat when it reaches zero, atomically per
 * key, so idle chats cost nothing and two drains of one chat can never overlap.
 */
final class ChatLanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatLanes.class);

    private final Map<ChatKey, Integer> signals = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final Consumer<ChatKey> drain;

    ChatLanes(ExecutorService executor, Consumer<ChatKey> drain) {
        this.executor = executor;
        this.drain = drain;
    }

    /** Asks for the chat's unfinished entries to be handled; starts a drain unless one is running. */
    void signal(ChatKey chat) {
        Integer outstanding = signals.merge(chat, 1, Integer::sum);
        if (outstanding == 1) {
            try {
                executor.execute(() -> run(chat));
            } catch (RejectedExecutionException e) {
                signals.remove(chat);
                log.info("not starting chat {}: shutting down; its entries stay in the inbox", chat.chat());
            }
        }
    }

    private void run(ChatKey chat) {
        int seen = 1;
        while (true) {
            try {
                drain.accept(chat);
            } catch (RuntimeException e) {
                log.error(
                        "turns of chat {} stopped; unfinished entries stay in the inbox for the next signal",
                        chat.chat(),
                        e);
            }
            int handled = seen;
            Integer left = signals.compute(
                    chat, (key, count) -> count == null || count - handled <= 0 ? null : count - handled);
            if (left == null) {
                return;
            }
            seen = left;
        }
    }

    /** Whether a drain of one of the chats {@code which} names runs or is pending. */
    boolean anyActive(java.util.function.Predicate<ChatKey> which) {
        return signals.keySet().stream().anyMatch(which);
    }

    /** Chats with a drain running or pending. */
    int active() {
        return signals.size();
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
