package dev.difyweave.backfill.bench;

import java.util.List;

/** The median of measured values: what the benchmark reports when it measured something more than once. */
final class Median {

    private Median() {
    }

    static double of(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
