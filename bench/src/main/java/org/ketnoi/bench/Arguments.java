package org.ketnoi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A benchmark's command line as options: {@code --name value}, {@code --name=value} and the flags it
 * names; the benchmark's own name may come first and is skipped.
 */
final class Arguments {

    /** One option as given: {@code value} is null for a flag; {@code given} is the argument as typed. */
    record Option(String name, String value, String given) {

        IllegalArgumentException unknown() {
            return new IllegalArgumentException("unknown argument '" + given + "'");
        }

        Duration duration() {
            return PopulationOptions.duration(value, name);
        }

        Duration nonNegativeDuration() {
            return nonNegative(duration(), name);
        }

        /** "2,4,8": each level once, in the order given. */
        List<Integer> levels() {
            return IdentityOptions.levels(value, name);
        }

        long positiveCount() {
            return PopulationOptions.positiveCount(value, name);
        }
    }

    private Arguments() {
    }

    static List<Option> read(String benchmark, Set<String> flags, String... args) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq >= 0 ? arg.substring(0, eq) : arg;
            if (i == 0 && name.equals(benchmark)) {
                continue;
            }
            if (flags.contains(name)) {
                options.add(new Option(name, null, arg));
            } else if (eq >= 0) {
                options.add(new Option(name, arg.substring(eq + 1), arg));
            } else if (i + 1 < args.length) {
                options.add(new Option(name, args[++i], arg));
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        return options;
    }

    static Duration nonNegative(Duration d, String option) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(option + " cannot be negative");
        }
        return d;
    }
}
