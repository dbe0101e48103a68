package org.ketnoi.population.generator;

/**
 * Walker's alias method: draws an index with probability proportional to its weight in constant
 * time, whatever the number of items (3,321 communes are drawn once per household).
 */
final class Alias {

    private final double[] probability;
    private final int[] alias;

    Alias(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("Nothing to draw from");
        }
        double sum = 0;
        for (double w : weights) {
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException("A weight must be zero or more, got " + w);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("The weights add up to nothing");
        }
        probability = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smalls = 0;
        int larges = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1) {
                small[smalls++] = i;
            } else {
                large[larges++] = i;
            }
        }
        while (smalls > 0 && larges > 0) {
            int s = small[--smalls];
            int l = large[--larges];
            probability[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[smalls++] = l;
            } else {
                large[larges++] = l;
            }
        }
        while (larges > 0) {
            probability[large[--larges]] = 1;
        }
        while (smalls > 0) { // only rounding leaves these behind
            probability[small[--smalls]] = 1;
        }
    }

    int sample(Rng rng) {
        long r = rng.nextLong();
        int i = (int) (((r >>> 32) * probability.length) >>> 32);
        double u = (r & 0xFFFFFFFFL) * 0x1.0p-32;
        return u < probability[i] ? i : alias[i];
    }

    int size() {
        return probability.length;
    }
}
