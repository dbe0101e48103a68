package org.ketnoi.population.generator;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Items with relative weights, drawn in constant time. */
final class Weighted<T> {

    private final List<T> items;
    private final Alias alias;

    Weighted(List<T> items, double[] weights) {
        if (items.isEmpty() || items.size() != weights.length) {
            throw new IllegalArgumentException("A weighted table needs as many weights as items, and at least one");
        }
        this.items = List.copyOf(items);
        this.alias = new Alias(weights);
    }

    /** "Nguyễn 38, Trần 11, Rơ Mah 2": the weight is the last word of each entry; names are NFC. */
    static Weighted<String> of(String table) {
        return of(table, name -> name);
    }

    static <T> Weighted<T> of(String table, Function<String, T> item) {
        List<T> items = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String entry : table.split(",")) {
            String e = entry.strip();
            int space = e.lastIndexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("Entry without weight: '" + e + "'");
            }
            items.add(item.apply(Normalizer.normalize(e.substring(0, space).strip(), Normalizer.Form.NFC)));
            weights.add(Double.parseDouble(e.substring(space + 1)));
        }
        return new Weighted<>(items, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    T pick(Rng rng) {
        return items.get(alias.sample(rng));
    }
}
