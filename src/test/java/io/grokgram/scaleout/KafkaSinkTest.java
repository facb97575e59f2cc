package io.grokgram.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokgram.telegram.InboundUpdate;
import io.grokgram.telegram.UpdateParser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ingress's sink when Kafka does not acknowledge: it throws (so the webhook answers Telegram an error and Telegram
 * delivers the update again, see {@code WebhookIntakeTest}) instead of confirming an update nobody holds.
 */
class KafkaSinkTest {
    private static final String UPDATE = "{\"update_id\":42,\"message\":{\"message_id\":7,\"date\":1700000000,"
            + "\"chat\":{\"id\":4242,\"type\":\"private\"},\"from\":{\"id\":4242,\"is_bot\":false,"
            + "\"first_name\":\"A\"},\"text\":\"hello\"}}";

    @Test
    void an_update_kafka_did_not_acknowledge_is_refused_not_confirmed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KafkaSettings nowhere =
                new KafkaSettings("127.0.0.1:" + closedPort, 12, Duration.ofSeconds(10), Duration.ofMillis(500));
        InboundUpdate update = new UpdateParser().parse(UPDATE);

        long started = System.nanoTime();
        try (KafkaSink sink = KafkaSink.connect(nowhere, any -> true, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> sink.accept(update, UPDATE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka did not acknowledge update 42");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("well within Telegram's wait for the webhook's answer")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void an_update_that_triggers_nothing_is_dropped_even_while_kafka_is_away() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KafkaSettings nowhere =
                new KafkaSettings("127.0.0.1:" + closedPort, 12, Duration.ofSeconds(10), Duration.ofMillis(500));
        try (KafkaSink sink = KafkaSink.connect(nowhere, any -> false, Duration.ofSeconds(2))) {
            sink.accept(new UpdateParser().parse(UPDATE), UPDATE); // no exception: confirmed, nothing written
        }
    }
}
