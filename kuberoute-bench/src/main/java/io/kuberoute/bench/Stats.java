package io.kuberoute.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of a sample, and the sample, sorted. */
public record Stats(int n, double median, double min, double max, double p99, List<Double> values) {

  /** The stats of both samples together. */
  public static Stats pooled(Stats a, Stats b) {
    List<Double> all = new ArrayList<>(a.values());
    all.addAll(b.values());
    return of(all);
  }

  public static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    // nearest-rank percentile
    int rank = (int) Math.ceil(0.99 * n);
    return new Stats(
        n,
        median,
        sorted.get(0),
        sorted.get(n - 1),
        sorted.get(Math.max(0, rank - 1)),
        List.copyOf(sorted));
  }

  /** {@code median (min–max, n=N)} with the given format for each number. */
  public String describe(String format) {
    return format.formatted(median)
        + " ("
        + format.formatted(min)
        + "–"
        + format.formatted(max)
        + ", n="
        + n
        + ")";
  }
}
