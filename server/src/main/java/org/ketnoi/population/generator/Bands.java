package org.ketnoi.population.generator;

/** A distribution of ages as weighted bands, uniform within each band: "18-25 5, 25-30 9". */
final class Bands {

    private final double[] low;
    private final double[] high;
    private final Alias weights;

    Bands(String table) {
        String[] entries = table.split(",");
        low = new double[entries.length];
        high = new double[entries.length];
        double[] w = new double[entries.length];
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].strip().split("[- ]");
            low[i] = Double.parseDouble(parts[0]);
            high[i] = Double.parseDouble(parts[1]);
            w[i] = Double.parseDouble(parts[2]);
        }
        weights = new Alias(w);
    }

    double sample(Rng rng) {
        int i = weights.sample(rng);
        return rng.uniform(low[i], high[i]);
    }
}
