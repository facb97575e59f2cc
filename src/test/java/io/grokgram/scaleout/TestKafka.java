package io.grokgram.scaleout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft: broker and controller in one process) for the tests, started once per JVM from the
 * Maven artifacts on the test class path as a child JVM: its storage formatted with a random cluster id in a temp dir,
 * its ports free ones. A child process keeps the broker's threads and logging out of the tests' JVM, and it dies with
 * the tests (a shutdown hook stops it). Nothing is mocked: the clients speak Kafka's protocol to Kafka's own server.
 */
public final class TestKafka {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static TestKafka jvm;

    private final String bootstrapServers;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** This JVM's broker, started the first time. */
    public static synchronized TestKafka shared() {
        if (jvm == null) {
            jvm = start();
        }
        return jvm;
    }

    /**
     * A broker of its own, for a test that must not meet what earlier tests left on the shared one (records on the
     * update topic, the workers' group and its committed offsets); it stops with the JVM like the shared one.
     */
    public static TestKafka ownBroker() {
        return start();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private static TestKafka start() {
        try {
            Path dir = Files.createTempDirectory("grokgram-kafka");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Path properties = dir.resolve("server.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "process.roles=broker,controller",
                            "node.id=1",
                            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                            "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:"
                                    + controllerPort,
                            "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                            "controller.listener.names=CONTROLLER",
                            "inter.broker.listener.name=PLAINTEXT",
                            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                            "log.dirs=" + dir.resolve("data"),
                            "num.partitions=3",
                            "offsets.topic.replication.factor=1",
                            "offsets.topic.num.partitions=3",
                            "transaction.state.log.replication.factor=1",
                            "transaction.state.log.min.isr=1",
                            "share.coordinator.state.topic.replication.factor=1",
                            "share.coordinator.state.topic.min.isr=1",
                            "group.initial.rebalance.delay.ms=0",
                            "auto.create.topics.enable=true",
                            ""));
            String clusterId = randomClusterId();
            Process format = java(
                    dir,
                    "format.log",
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    clusterId,
                    "-c",
                    properties.toString(),
                    "--ignore-formatted");
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the test Kafka's storage failed; see "
                        + dir.resolve("format.log") + ":\n" + Files.readString(dir.resolve("format.log")));
            }
            Process broker = java(dir, "broker.log", "kafka.Kafka", properties.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroyForcibly, "test-kafka-stop"));
            awaitPort(broker, brokerPort, dir.resolve("broker.log"));
            return new TestKafka("127.0.0.1:" + brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test Kafka", e);
        }
    }

    private static Process java(Path dir, String log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        File output = dir.resolve(log).toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
    }

    /** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding. */
    private static String randomClusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(Process broker, int port, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("the test Kafka exited at start; its log:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        broker.destroyForcibly();
        throw new IllegalStateException("the test Kafka did not listen within " + START_TIMEOUT + "; see " + log);
    }
}
