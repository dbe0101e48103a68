package org.ketnoi.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code ./ketnoi bench identity}.
 *
 * @param duration each measured point (sign-ins at one concurrency, one token grant at one concurrency)
 * @param warmup before each point, not recorded
 * @param signinWarmup once, before the first sign-in point: the server's Argon2 code must be compiled
 *     by C2 before its rate means anything (measured: about 10 s of hashing until a JVM is at speed)
 * @param tokenWarmup once per grant, before its first point, at its highest level: the JIT's warm-up of the grant
 * @param signinConcurrency concurrent browsers signing in, one point each
 * @param ccConcurrency wrk connections for the client_credentials grant, one point each
 * @param refreshConcurrency wrk connections for the refresh_token grant, one point each
 * @param search when a token point misses p99 < 50 ms, also measure lower concurrencies to find the
 *     highest one that meets it
 * @param sessions signed-in portal sessions created for the memory and write figures
 * @param hashWarmup warm-up of the bare Argon2id hash JVM
 * @param hashDuration measured window of the bare Argon2id hash JVM
 * @param keepData keep the server's data directory
 * @param profile record the server (and the hash JVMs) with JDK Flight Recorder during the points
 * @param quietWait longest wait for a quiet machine (under 30 % busy) before each point; 0 does not wait
 * @param arguments as given, for the "command" line of the results
 */
record IdentityOptions(Duration duration, Duration warmup, Duration signinWarmup, Duration tokenWarmup,
        List<Integer> signinConcurrency,
        List<Integer> ccConcurrency, List<Integer> refreshConcurrency, boolean search, int sessions,
        Duration hashWarmup, Duration hashDuration, boolean keepData, boolean profile, Duration quietWait, List<String> arguments) {

    static final String NAME = "identity";
    static final int MAX_CONCURRENCY = 256;
    static final int MAX_SESSIONS = 1_000_000;

    static final String USAGE = """
            usage: ./ketnoi bench identity [--duration 20s] [--warmup 5s] [--signin-warmup 15s] [--token-warmup 15s]
                                           [--signin-concurrency 2,4,8] [--cc-concurrency 8,64]
                                           [--refresh-concurrency 8,32] [--no-search] [--sessions 1000]
                                           [--hash-warmup 12s] [--hash-duration 8s] [--quiet-wait 2m]
                                           [--no-profile] [--keep-data]
              --duration D               each measured point (default 20s; 90s, 2m)
              --warmup D                 warm-up before each point, not recorded (default 5s)
              --signin-warmup D          once before the first sign-in point, so the server's Argon2
                                         code is compiled (default 15s)
              --token-warmup D           once per grant before its first point, at its highest level
                                         (default 15s)
              --signin-concurrency C     browsers signing in at once; each level is a point (default 2,4,8)
              --cc-concurrency C         wrk connections for client_credentials grants (default 8,64)
              --refresh-concurrency C    wrk connections for refresh_token grants (default 8,32)
              --no-search                do not look for the highest concurrency with p99 < 50 ms when a
                                         token point misses it
              --sessions N               portal sessions created for the memory and write figures
                                         (default 1,000)
              --hash-warmup D            warm-up of the bare Argon2id hash rate (default 12s)
              --hash-duration D          measured window of the bare Argon2id hash rate (default 8s)
              --quiet-wait D             longest wait before each point for the machine to be under 30 %
                                         busy (default 2m; 0 does not wait)
              --no-profile               no JDK Flight Recorder in the server and the hash JVMs (by
                                         default it records with its default settings, about 1 %)
              --keep-data                keep the server's data directory afterwards""";

    static IdentityOptions parse(String... args) {
        Duration duration = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        Duration signinWarmup = Duration.ofSeconds(15);
        Duration tokenWarmup = Duration.ofSeconds(15);
        List<Integer> signin = List.of(2, 4, 8);
        List<Integer> cc = List.of(8, 64);
        List<Integer> refresh = List.of(8, 32);
        boolean search = true;
        int sessions = 1_000;
        Duration hashWarmup = Duration.ofSeconds(12);
        Duration hashDuration = Duration.ofSeconds(8);
        boolean keepData = false;
        Duration quietWait = Duration.ofMinutes(2);
        boolean profile = true;
        for (Arguments.Option o : Arguments.read(NAME, Set.of("--keep-data", "--no-profile", "--no-search"), args)) {
            switch (o.name()) {
                case "--keep-data" -> keepData = true;
                case "--no-profile" -> profile = false;
                case "--no-search" -> search = false;
                case "--duration" -> duration = o.duration();
                case "--warmup" -> warmup = o.nonNegativeDuration();
                case "--signin-warmup" -> signinWarmup = o.nonNegativeDuration();
                case "--token-warmup" -> tokenWarmup = o.nonNegativeDuration();
                case "--signin-concurrency" -> signin = o.levels();
                case "--cc-concurrency" -> cc = o.levels();
                case "--refresh-concurrency" -> refresh = o.levels();
                case "--sessions" -> {
                    long n = o.positiveCount();
                    if (n > MAX_SESSIONS) {
                        throw new IllegalArgumentException(o.name() + " must be at most " + MAX_SESSIONS + ", not " + n);
                    }
                    sessions = (int) n;
                }
                case "--hash-warmup" -> hashWarmup = o.nonNegativeDuration();
                case "--hash-duration" -> hashDuration = o.duration();
                case "--quiet-wait" -> quietWait = o.nonNegativeDuration();
                default -> throw o.unknown();
            }
        }
        return new IdentityOptions(duration, warmup, signinWarmup, tokenWarmup, signin, cc, refresh, search, sessions, hashWarmup,
                hashDuration, keepData, profile, quietWait, List.of(args));
    }


    /** "2,4,8": each level once, in the order given. */
    static List<Integer> levels(String value, String option) {
        List<Integer> levels = new ArrayList<>();
        for (String part : value.split(",")) {
            int c;
            try {
                c = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs whole numbers such as 8 or 8,64, not '" + value
                        + "'");
            }
            if (c < 1 || c > MAX_CONCURRENCY) {
                throw new IllegalArgumentException(option + " must be between 1 and " + MAX_CONCURRENCY + ", not " + c);
            }
            if (!levels.contains(c)) {
                levels.add(c);
            }
        }
        return List.copyOf(levels);
    }

    /** The most browsers that sign in at once in any phase (the warm-up runs at this level). */
    int maxSigninConcurrency() {
        return signinConcurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
}
