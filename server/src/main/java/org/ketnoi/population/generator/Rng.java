package org.ketnoi.population.generator;

/**
 * SplitMix64: tiny state, fast, and reseedable per household so that every household depends only
 * on the seed and its own index (the first n records of a longer run are the records of a shorter one).
 */
final class Rng {

    private long state;

    void reseed(long seed) {
        state = seed;
    }

    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound); bound at most 2^31 - 1. The bias (below 2^-31) does not matter here. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [lo, hi], both included. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Roughly normal (sum of four uniforms): cheap, bounded at ±3.5σ, which is what ages want. */
    double gaussian(double mean, double sd) {
        double s = nextDouble() + nextDouble() + nextDouble() + nextDouble() - 2.0;
        return mean + sd * s * 1.7320508075688772;
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        return z ^ (z >>> 32);
    }
}
