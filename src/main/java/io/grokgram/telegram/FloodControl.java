package io.grokgram.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides when a call may leave, so that {@link OutboundLimits} hold where Telegram counts: a bucket per chat (see
 * {@link ChatLane}) and one for the bot, the calls on the wire, and the pauses 429s put on a chat or on the bot.
 *
 * <p>A call takes its chat's token and the bot's token at the same instant, the instant it leaves; nothing is reserved
 * ahead. Callers wait in order: a final first for its chat's turn (one call of a chat on the wire at a time, so a
 * chat's calls also arrive in the order sent), then for the chat's token, then in the bot's queue (a fair lock whose
 * head waits for a free place on the wire and sleeps until the bot's next token). A caller that wakes late takes its
 * tokens late, so lateness never turns into a burst: the bound below holds however the threads are scheduled.
 *
 * <p>What that proves: with at most {@code maxInFlight} calls on the wire, the calls Telegram receives in any interval
 * of length L number at most {@code maxInFlight + botBurst + rate × L} for the bot and {@code 2 + rate × L} for a chat
 * (one on the wire, plus one token), whatever the network's delays. A receiver that forgives that many extra calls
 * (the emulator's tolerance) never has to answer 429.
 *
 * <p>Previews never wait: they go only if the chat's turn, a place on the wire, the bot's queue and both tokens are all
 * free right now, else they are skipped. So finals outrank previews, and a preview in flight delays its chat's final by
 * one call at most.
 *
 * <p>Telegram's 429 does not say which limit it means. A chat that had another call shortly before (within two of its
 * intervals) may be over its own limit, so only that chat pauses; a chat that was quiet cannot be, so it was the
 * bot-wide limit and every call of the bot pauses.
 *
 * <p>In scale-out ({@link Buckets#shared}) the buckets and pauses live in Redis, so the bound above holds for all the
 * bot's workers together, {@code maxInFlight} being the sum of theirs. A chat's turn stays with its worker: a chat's
 * updates go to one worker (the update log is keyed by chat), so its calls do not race another worker's.
 */
final class FloodControl {
    private static final int MAX_IDLE_INLINE_LANES = 1_000;
    private final Buckets buckets;
    private final TokenBucket bot;
    private final Pause botPause;
    private final Semaphore wire;
    private final ReentrantLock botQueue = new ReentrantLock(true);
    private final Map<Long, ChatLane> lanes = new ConcurrentHashMap<>();
    /** Inline messages by inline_message_id: a lane each, at a private chat's pace (see {@link InlineCalls}). */
    private final Map<String, ChatLane> inlineLanes = new ConcurrentHashMap<>();

    FloodControl(OutboundLimits limits) {
        this(Buckets.local(limits));
    }

    /** Flood control over {@code buckets}: this process's own, or shared by the workers of a scale-out. */
    FloodControl(Buckets buckets) {
        this.buckets = buckets;
        this.wire = new Semaphore(buckets.maxInFlight(), true);
        this.bot = buckets.bot();
        this.botPause = buckets.pause("bot");
    }

    /** Which limit a 429 paused. */
    enum Scope {
        CHAT,
        BOT
    }

    /** A chat's turn: while held, no other final or preview of the chat is sent. Close it when the call is done. */
    final class Turn implements AutoCloseable {
        private final ChatLane lane;

        private Turn(ChatLane lane) {
            this.lane = lane;
        }

        /** Blocks until the call may leave now; close the permit when its answer is in. */
        Permit awaitSlot() {
            try {
                while (true) {
                    long wait = Math.max(
                            Math.max(lane.pause.remainingNanos(), botPause.remainingNanos()), lane.nanosToToken());
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                        continue;
                    }
                    Optional<Permit> permit = leaveInTurn();
                    if (permit.isPresent()) {
                        return permit.get();
                    }
                }
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        /**
         * At the head of the bot's queue: waits for a place on the wire and takes the bot's token, then the chat's;
         * empty (the bot's token given back) if a 429 paused the chat meanwhile, or another worker took the chat's
         * token.
         */
        private Optional<Permit> leaveInTurn() throws InterruptedException {
            botQueue.lockInterruptibly();
            try {
                wire.acquire();
                boolean left = false;
                try {
                    takeBotToken();
                    if (!lane.pause.active() && lane.bucket.tryTake() == 0) {
                        left = true;
                        return Optional.of(new Permit(lane, lane.left(), false));
                    }
                    bot.giveBack();
                    return Optional.empty();
                } finally {
                    if (!left) {
                        wire.release();
                    }
                }
            } finally {
                botQueue.unlock();
            }
        }

        @Override
        public void close() {
            lane.turn.release();
        }
    }

    /** Leave to send one call, taken at the instant it leaves. Close it when the call's answer is in. */
    final class Permit implements AutoCloseable {
        private final ChatLane lane;
        private final boolean chatBusy;
        private final boolean ownsTurn;

        private Permit(ChatLane lane, boolean chatBusy, boolean ownsTurn) {
            this.lane = lane;
            this.chatBusy = chatBusy;
            this.ownsTurn = ownsTurn;
        }

        /** Pauses what a 429 for this call most likely names, for {@code retryAfter}; returns which. */
        Scope rateLimited(Duration retryAfter) {
            if (chatBusy) {
                lane.pause.extend(retryAfter);
                return Scope.CHAT;
            }
            botPause.extend(retryAfter);
            return Scope.BOT;
        }

        @Override
        public void close() {
            wire.release();
            if (ownsTurn) {
                lane.turn.release();
            }
        }
    }

    /** Blocks until it is this final's turn in its chat: first come, first served. */
    Turn awaitTurn(ChatId chat) {
        return awaitTurn(lane(chat));
    }

    /** {@link #awaitTurn(ChatId)} for an inline message. */
    Turn awaitTurn(String inlineMessageId) {
        return awaitTurn(inlineLane(inlineMessageId));
    }

    private Turn awaitTurn(ChatLane lane) {
        try {
            lane.turn.acquire();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return new Turn(lane);
    }

    /** Leave for a preview if everything it needs is free right now; never blocks. */
    Optional<Permit> tryPreview(ChatId chat) {
        return tryPreview(lane(chat));
    }

    /** {@link #tryPreview(ChatId)} for an inline message. */
    Optional<Permit> tryPreview(String inlineMessageId) {
        return tryPreview(inlineLane(inlineMessageId));
    }

    private Optional<Permit> tryPreview(ChatLane lane) {
        if (!lane.tryTurn()) {
            return Optional.empty();
        }
        Optional<Permit> permit = tryLeave(lane, true, true);
        if (permit.isEmpty()) {
            lane.turn.release();
        }
        return permit;
    }

    /** Leave for a chat action, which counts against the bot only: needs no turn and no chat token; never blocks. */
    Optional<Permit> tryChatAction(ChatId chat) {
        return tryLeave(lane(chat), false, false);
    }

    /**
     * Leave for an urgent call that concerns no chat (answering an inline or guest query, which Telegram accepts for
     * seconds only): it queues behind nobody and waits for no token, only for a pause 429 put on the bot and for a
     * place on the wire. It still counts against the bot, borrowing the next token when none is free, so the finals
     * behind it wait that much longer and the bot's rate holds over time.
     */
    Permit awaitUrgent() {
        try {
            for (long pause = botPause.remainingNanos(); pause > 0; pause = botPause.remainingNanos()) {
                TimeUnit.NANOSECONDS.sleep(pause);
            }
            wire.acquire();
            bot.borrow();
            // no lane: a 429 on it can only mean the bot-wide limit (chatBusy false pauses the bot)
            return new Permit(null, false, false);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Blocks until a call that concerns no chat (setMyCommands) may leave; counts against the bot. */
    void awaitBot() {
        try {
            botQueue.lockInterruptibly();
            try {
                takeBotToken();
            } finally {
                botQueue.unlock();
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    void clear() {
        lanes.clear();
        inlineLanes.clear();
    }

    private Optional<Permit> tryLeave(ChatLane lane, boolean chatToken, boolean ownsTurn) {
        if (lane.pause.active() || botPause.active() || !tryNow(wire)) {
            return Optional.empty();
        }
        if (botQueue.tryLock()) {
            try {
                if (!chatToken || lane.bucket.tryTake() == 0) {
                    if (bot.tryTake() == 0) {
                        return Optional.of(new Permit(lane, chatToken ? lane.left() : false, ownsTurn));
                    }
                    if (chatToken) {
                        lane.bucket.giveBack();
                    }
                }
            } finally {
                botQueue.unlock();
            }
        }
        wire.release();
        return Optional.empty();
    }

    /**
     * As the head of the bot's queue, sleeps until the bot is not paused and its bucket has a token, and takes it.
     * Taking, not estimating first: in scale-out another worker may take the token between the two.
     */
    private void takeBotToken() throws InterruptedException {
        while (true) {
            long pause = botPause.remainingNanos();
            long wait = pause > 0 ? pause : bot.tryTake();
            if (wait == 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** A permit if one is free and nobody queues for it; honours fairness, unlike {@link Semaphore#tryAcquire()}. */
    static boolean tryNow(Semaphore semaphore) {
        try {
            return semaphore.tryAcquire(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ChatLane lane(ChatId chat) {
        return lanes.computeIfAbsent(
                chat.value(),
                id -> new ChatLane(
                        !chat.isPrivate(),
                        buckets.limits(),
                        buckets.chat("chat:" + id, !chat.isPrivate()),
                        buckets.pause("chat:" + id)));
    }

    /**
     * Inline messages come and go by the thousand, so lanes quiet for a minute are dropped once there are many; a
     * dropped lane held no token debt worth keeping (its last call is a minute old).
     */
    private ChatLane inlineLane(String inlineMessageId) {
        if (inlineLanes.size() > MAX_IDLE_INLINE_LANES) {
            long minute = Duration.ofMinutes(1).toNanos();
            inlineLanes.values().removeIf(lane -> lane.idleFor(minute));
        }
        return inlineLanes.computeIfAbsent(
                inlineMessageId,
                id -> new ChatLane(
                        false, buckets.limits(), buckets.chat("inline:" + id, false), buckets.pause("inline:" + id)));
    }

    private static TelegramException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new TelegramException.Unavailable("outbound", "interrupted while waiting for a send slot", e);
    }
}
