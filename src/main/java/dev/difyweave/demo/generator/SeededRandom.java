package dev.difyweave.demo.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic randomness for the generator.
 *
 * <p>Every entity (tenant, app, run, ...) gets its own stream, derived from the root seed and the
 * entity's position ({@link #child(long...)}), so what one run draws does not depend on how many
 * random numbers other runs consumed: adding runs or apps leaves the existing ones unchanged.
 */
final class SeededRandom {

    private final long seed;
    private final SplittableRandom random;

    SeededRandom(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** An independent stream identified by {@code path} below this one; does not consume from this stream. */
    SeededRandom child(long... path) {
        long mixed = mix(seed ^ 0x5DEECE66DL);
        for (long part : path) {
            mixed = mix(mixed ^ mix(part + 0x9E3779B97F4A7C15L));
        }
        return new SeededRandom(mixed);
    }

    /** A random (version 4, RFC 4122 variant) UUID drawn from this stream. */
    UUID uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** Uniform in {@code [min, max]} (both inclusive). */
    int between(int min, int max) {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }

    /** Uniform in {@code [min, max)}. */
    long between(long min, long max) {
        return min >= max ? min : random.nextLong(min, max);
    }

    /** Uniform in {@code [min, max)}. */
    double between(double min, double max) {
        return min >= max ? min : random.nextDouble(min, max);
    }

    boolean chance(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A shuffled copy (Fisher-Yates on this stream, so it is deterministic). */
    <T> List<T> shuffled(List<T> values) {
        List<T> copy = new ArrayList<>(values);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }

    /** {@code length} lowercase hexadecimal digits. */
    String hex(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    /** SplitMix64 finaliser: a good 64-bit mixing function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
