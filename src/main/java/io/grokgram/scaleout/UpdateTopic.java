package io.grokgram.scaleout;

import io.grokgram.telegram.InboundUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Utils;

/**
 * The topic between ingress and workers. Its retention is short: Telegram itself keeps an unconfirmed update for 24
 * hours, and a record older than that whose update no worker took in is of no use to anyone (the inbox holds what was
 * taken in).
 */
public final class UpdateTopic {
    public static final String NAME = "grokgram.updates";
    static final Duration RETENTION = Duration.ofHours(24);
    static final int PARTITIONS = 12;

    private UpdateTopic() {}

    /**
     * Creates the topic unless it exists, with the cluster's default replication factor (an operator may have created
     * it with other partitions or replicas; that one is kept as it is).
     */
    static void ensure(KafkaSettings kafka) {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        int timeout = (int) kafka.adminTimeout().toMillis();
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
            if (existing.contains(NAME)) {
                return;
            }
            NewTopic topic = new NewTopic(NAME, Optional.of(kafka.partitions()), Optional.empty())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION.toMillis())));
            admin.createTopics(List.of(topic)).all().get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + kafka.bootstrapServers() + " did not answer within " + kafka.adminTimeout(), e);
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "could not reach Kafka at " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the Kafka topic " + NAME + ": " + e.getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topic " + NAME, e);
        }
    }

    /**
     * The record key: the chat and forum topic the update belongs to, so one chat's updates stay in order in one
     * partition. Updates outside any chat (inline queries, pre-checkout) go by the user; a malformed one by its id.
     */
    static String key(InboundUpdate update) {
        return switch (update) {
            case InboundUpdate.Message m ->
                chat(m.chat().id().value(), m.threadId().orElse(0));
            case InboundUpdate.Edited e ->
                chat(e.message().chat().id().value(), e.message().threadId().orElse(0));
            case InboundUpdate.GenerationStopped s ->
                chat(s.chat().value(), s.threadId().orElse(0));
            case InboundUpdate.MembershipChanged m -> chat(m.chat().value(), 0);
            case InboundUpdate.ChatMigrated m -> chat(m.from().value(), 0);
            case InboundUpdate.CallbackQuery c ->
                chat(c.chat().map(id -> id.value()).orElse(c.from().id().value()), 0);
            case InboundUpdate.InlineQuery q -> chat(q.from().id().value(), 0);
            case InboundUpdate.ChosenInlineResult c -> chat(c.from().id().value(), 0);
            // by the person, as the assistant's inbox files it: a guest answer fills a message outside the chat's turns
            case InboundUpdate.GuestQuery g -> chat(g.message().from().id().value(), 0);
            case InboundUpdate.PreCheckout p -> chat(p.from().id().value(), 0);
            case InboundUpdate.PaymentReceived p -> chat(p.chat().value(), 0);
            case InboundUpdate.PaymentRefunded p -> chat(p.chat().value(), 0);
            case InboundUpdate.SubscriptionChanged s -> chat(s.from().id().value(), 0);
            case InboundUpdate.Unsupported u -> "update:" + u.updateId();
            case InboundUpdate.Malformed m -> "update:" + m.updateId();
        };
    }

    /** The key of a chat's (or forum topic's, {@code thread} not 0) records. */
    static String chat(long chat, long thread) {
        return thread == 0 ? Long.toString(chat) : chat + ":" + thread;
    }

    /**
     * The partition a record with this key goes to: what the producer's default partitioner computes for a keyed
     * record (murmur2 of the key's UTF-8 bytes), so a worker knows which chats its partitions carry.
     */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
