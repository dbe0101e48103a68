package org.ketnoi.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Median, minimum and maximum of a few repetitions. The median, not the mean: on a shared
 * machine one slow run (another job waking up) should not move the headline figure.
 */
record Stats(double median, double min, double max, int count) {

    static Stats of(double... values) {
        if (values.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }

    static <T> Stats of(List<T> items, ToDoubleFunction<T> value) {
        return of(items.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).toArray());
    }

    boolean isEmpty() {
        return count == 0;
    }
}
