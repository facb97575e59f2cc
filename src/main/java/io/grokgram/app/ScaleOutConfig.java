package io.grokgram.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the scale-out settings: the Redis the workers share (none: every limit stays in this process), how long a
 * Redis command may take before the worker counts Redis as lost, and how many workers to expect, which divides the
 * limits a worker keeps while Redis is lost. Every problem goes to the loader's list; the URL, which may carry a
 * password, is shown masked.
 */
final class ScaleOutConfig {
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    // Kafka's brokers accept sessions from group.min.session.timeout.ms (6 s) to group.max.session.timeout.ms (30 min)
    private static final Duration MIN_SESSION = Duration.ofSeconds(6);
    private static final Duration MAX_SESSION = Duration.ofMinutes(5);
    private static final Duration MIN_LEASE = Duration.ofSeconds(3);
    private static final Duration MAX_LEASE = Duration.ofMinutes(10);

    private ScaleOutConfig() {}

    static Config.ScaleOut parse(Function<Setting, String> raw, ConfigProblems problems) {
        return new Config.ScaleOut(
                redisUrl(raw.apply(Setting.REDIS_URL), problems),
                timeout(raw.apply(Setting.REDIS_TIMEOUT), problems),
                workers(raw.apply(Setting.EXPECTED_WORKERS), problems),
                kafka(raw.apply(Setting.KAFKA_BOOTSTRAP_SERVERS), problems),
                partitions(raw.apply(Setting.KAFKA_PARTITIONS), problems),
                between(
                        raw.apply(Setting.KAFKA_SESSION_TIMEOUT),
                        Setting.KAFKA_SESSION_TIMEOUT,
                        MIN_SESSION,
                        MAX_SESSION,
                        "6s to 5m",
                        problems),
                between(
                        raw.apply(Setting.POLLING_LEASE),
                        Setting.POLLING_LEASE,
                        MIN_LEASE,
                        MAX_LEASE,
                        "3s to 10m",
                        problems));
    }

    private static Optional<String> kafka(String value, ConfigProblems problems) {
        String servers = value.strip();
        if (servers.isEmpty()) {
            return Optional.empty();
        }
        if (servers.matches("[A-Za-z0-9._\\-]+:\\d{1,5}(,[A-Za-z0-9._\\-]+:\\d{1,5})*")) {
            return Optional.of(servers);
        }
        problems.add(
                Setting.KAFKA_BOOTSTRAP_SERVERS.key(),
                Setting.KAFKA_BOOTSTRAP_SERVERS.shown(value),
                "host:port or host:port,host:port,… such as kafka-1:9092,kafka-2:9092");
        return Optional.empty();
    }

    private static int partitions(String value, ConfigProblems problems) {
        try {
            int partitions = Integer.parseInt(value);
            if (partitions >= 1 && partitions <= 10_000) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(Setting.KAFKA_PARTITIONS.key(), Setting.KAFKA_PARTITIONS.shown(value), "a number from 1 to 10000");
        return 1;
    }

    private static Duration between(
            String value, Setting setting, Duration min, Duration max, String range, ConfigProblems problems) {
        Optional<Duration> parsed = ConfigLoader.parseDuration(value);
        if (parsed.isPresent()
                && parsed.get().compareTo(min) >= 0
                && parsed.get().compareTo(max) <= 0) {
            return parsed.get();
        }
        problems.add(
                setting.key(), setting.shown(value), "a duration from " + range + " such as " + setting.defaultValue());
        return min;
    }

    private static Optional<Secret> redisUrl(String value, ConfigProblems problems) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            boolean redis = "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (redis && uri.getHost() != null && path.matches("(/\\d{0,2})?")) {
                return Optional.of(new Secret(value));
            }
        } catch (URISyntaxException e) {
            // reported below with the accepted form
        }
        problems.add(
                Setting.REDIS_URL.key(),
                Setting.REDIS_URL.shown(value),
                "redis://[:password@]host[:port][/database] (or rediss:// for TLS), such as redis://127.0.0.1:6379/0");
        return Optional.empty();
    }

    private static Duration timeout(String value, ConfigProblems problems) {
        Optional<Duration> parsed = ConfigLoader.parseDuration(value);
        if (parsed.isPresent()
                && parsed.get().compareTo(MIN_TIMEOUT) >= 0
                && parsed.get().compareTo(MAX_TIMEOUT) <= 0) {
            return parsed.get();
        }
        problems.add(
                Setting.REDIS_TIMEOUT.key(),
                Setting.REDIS_TIMEOUT.shown(value),
                "a duration from 10ms to 30s such as 500ms or 2s");
        return MIN_TIMEOUT;
    }

    private static int workers(String value, ConfigProblems problems) {
        try {
            int workers = Integer.parseInt(value);
            if (workers >= 1 && workers <= 1000) {
                return workers;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(Setting.EXPECTED_WORKERS.key(), Setting.EXPECTED_WORKERS.shown(value), "a number from 1 to 1000");
        return 1;
    }
}
