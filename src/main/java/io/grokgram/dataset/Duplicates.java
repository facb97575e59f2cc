package io.grokgram.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Exact and near duplicates among the records of one export, first come first kept (the export's order is stable, so
 * the same record survives every run).
 *
 * <p>Exact: the SHA-256 of the normalised text (Unicode NFKC, lower case, punctuation dropped, whitespace collapsed).
 * Near: MinHash over character 5-shingles (chat turns are short: one changed word moves a few character shingles but
 * a third of the word 3-shingles), {@value #HASHES}
 * hash functions from a fixed seed, banded for locality-sensitive hashing ({@value #BANDS} bands of {@value #ROWS}
 * rows); a candidate from a shared band is a duplicate when its estimated Jaccard similarity is at least {@value
 * #THRESHOLD}. No library: none on the build's list does MinHash, and this is sixty lines whose every step is
 * deterministic.
 */
final class Duplicates {
    static final int HASHES = 128;
    static final int BANDS = 32;
    static final int ROWS = HASHES / BANDS;
    static final double THRESHOLD = 0.8;
    private static final long SEED = 0x9E3779B97F4A7C15L;

    /** How a text was judged. */
    enum Verdict {
        NEW,
        EXACT,
        NEAR
    }

    private final Set<String> exact = new HashSet<>();
    private final List<long[]> signatures = new ArrayList<>();
    private final Map<String, List<Integer>> buckets = new HashMap<>();
    private final long[] multipliers = new long[HASHES];
    private final long[] increments = new long[HASHES];

    Duplicates() {
        long state = SEED;
        for (int i = 0; i < HASHES; i++) {
            state = mix(state + i);
            multipliers[i] = state | 1;
            state = mix(state);
            increments[i] = state;
        }
    }

    /** Judges {@code text} against everything kept so far, and keeps it if it is new. */
    Verdict offer(String text) {
        String normal = normalise(text);
        if (!exact.add(sha256(normal))) {
            return Verdict.EXACT;
        }
        long[] signature = signature(normal);
        Set<Integer> candidates = new LinkedHashSet<>();
        for (int band = 0; band < BANDS; band++) {
            candidates.addAll(buckets.getOrDefault(bandKey(signature, band), List.of()));
        }
        for (int candidate : candidates) {
            if (similarity(signature, signatures.get(candidate)) >= THRESHOLD) {
                return Verdict.NEAR;
            }
        }
        int index = signatures.size();
        signatures.add(signature);
        for (int band = 0; band < BANDS; band++) {
            buckets.computeIfAbsent(bandKey(signature, band), key -> new ArrayList<>())
                    .add(index);
        }
        return Verdict.NEW;
    }

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{P}\\p{S}]+", " ")
                .replaceAll("\\s+", " ")
                .strip();
    }

    /** The estimated Jaccard similarity of two signatures: the share of hash functions whose minimum agrees. */
    static double similarity(long[] a, long[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    long[] signature(String normal) {
        long[] minimum = new long[HASHES];
        java.util.Arrays.fill(minimum, Long.MAX_VALUE);
        for (String shingle : shingles(normal)) {
            long base = mix(fnv(shingle));
            for (int i = 0; i < HASHES; i++) {
                long hash = mix(base * multipliers[i] + increments[i]);
                if (Long.compareUnsigned(hash, minimum[i]) < 0) {
                    minimum[i] = hash;
                }
            }
        }
        return minimum;
    }

    private static Set<String> shingles(String normal) {
        Set<String> shingles = new HashSet<>();
        if (normal.length() >= 5) {
            for (int i = 0; i + 5 <= normal.length(); i++) {
                shingles.add(normal.substring(i, i + 5));
            }
        } else {
            shingles.add(normal);
        }
        return shingles;
    }

    private static String bandKey(long[] signature, int band) {
        StringBuilder key = new StringBuilder().append(band);
        for (int row = band * ROWS; row < (band + 1) * ROWS; row++) {
            key.append(':').append(signature[row]);
        }
        return key.toString();
    }

    /** FNV-1a over the UTF-8 bytes: stable across JVMs, unlike {@link String#hashCode} it is 64 bits wide. */
    private static long fnv(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** The SplitMix64 finaliser: spreads every input bit over the whole word. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
